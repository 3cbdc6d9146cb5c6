import { type NotificationChannel } from '@salle/contracts';
import { notificationOperations, type MyPreferences, type NotificationKind } from '@salle/contracts/notification';
import { api } from './http';
import { operationClient } from './operation-client';

/** The notification service's operations behind the gateway, from its table in the contracts. */
const notification = operationClient(api, '/api/notification', notificationOperations);

/** The signed-in person's contacts and choices of messages. */
export function myPreferences(signal?: AbortSignal): Promise<MyPreferences> {
  return notification.call('myPreferences', {}, { signal });
}

/** The phone number as typed (null removes it) and the consent to SMS. */
export function saveMyPhone(phone: string | null, smsConsent: boolean): Promise<MyPreferences> {
  return notification.call('updateMyPhone', { body: { phone, smsConsent } });
}

export function saveMyChoice(
  kind: NotificationKind,
  channel: NotificationChannel,
  enabled: boolean,
): Promise<MyPreferences> {
  return notification.call('updateMyPreferences', { body: { items: [{ kind, channel, enabled }] } });
}
