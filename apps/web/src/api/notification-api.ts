import { type BookingMessages, type FailedMessages, type NotificationChannel } from '@salle/contracts';
import {
  notificationOperations,
  type ListedContact,
  type MyDigest,
  type MyPreferences,
  type NotificationKind,
} from '@salle/contracts/notification';
import type { RequestOptions } from './api-client';
import { api } from './http';
import { operationClient } from './operation-client';

/** The notification service's operations behind the gateway, from its table in the contracts. */
const notification = operationClient<typeof notificationOperations>(api, '/api/notification', notificationOperations);

/** The messages sent (or still to send) about a booking, newest first, addresses masked. */
export function bookingMessages(bookingId: string, options?: RequestOptions): Promise<BookingMessages> {
  return notification.call('bookingMessages', { params: { bookingId } }, options);
}

/** The messages given up on for good, for the département's admins. */
export function failedMessages(options?: RequestOptions): Promise<FailedMessages> {
  return notification.call('failedMessages', { query: { limit: 200 } }, options);
}

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

/** Whether the signed-in manager receives the daily digest of the requests instead of one e-mail each. */
export function myDigest(signal?: AbortSignal): Promise<MyDigest> {
  return notification.call('myDigest', {}, { signal });
}

export function saveMyDigest(daily: boolean): Promise<MyDigest> {
  return notification.call('updateMyDigest', { body: { daily } });
}

/** The collège's contact address, with its phone number and consent to SMS. */
export function establishmentContact(establishmentId: string, signal?: AbortSignal): Promise<ListedContact> {
  return notification.call('establishmentContact', { params: { establishmentId } }, { signal });
}

/** The phone number of the collège's contact address as typed (null removes it), and the consent its reader gave. */
export function saveEstablishmentContactPhone(
  establishmentId: string,
  phone: string | null,
  smsConsent: boolean,
): Promise<ListedContact> {
  return notification.call('updateEstablishmentContactPhone', {
    params: { establishmentId },
    body: { phone, smsConsent },
  });
}
