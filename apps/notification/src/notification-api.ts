import { lazy } from '@salle/runtime';
import type { DataSource } from 'typeorm';
import { serviceAuditOperations } from '@salle/contracts';
import { notificationOperations } from '@salle/contracts/notification';
import { openApiDocument } from '@salle/http';
import type { NotificationHandlers } from './api/access-policy';
import { bookingMessagesHandlers } from './api/booking-messages';
import { establishmentContactHandlers } from './api/establishment-contact';
import { failedMessagesHandlers } from './api/failed-messages';
import { myDigestHandlers } from './api/my-digest';
import { myPreferencesHandlers } from './api/my-preferences';
import { smsDeliveryReportHandlers } from './api/sms-delivery-reports';
import { unsubscribeHandlers } from './api/unsubscribe';
import type { UnsubscribeTokens } from './preferences/unsubscribe-token';
import { erasureHandlers } from './privacy/erasure';
import { personalDataHandlers } from './privacy/personal-data';

/** The published description of the notification table (`notificationOperations` in the contracts). */
export function notificationApiDescription() {
  return openApiDocument(
    {
      title: 'Salle sur demande: notification service',
      version: '1',
      description:
        'The messages sent to the parties of the bookings, as the send log keeps them. ' +
        'Through the gateway every path is under `/api/notification`. ' +
        'Errors are `application/problem+json` with a stable `code`.',
    },
    { ...notificationOperations, ...serviceAuditOperations },
  );
}

/** The handler of every operation of the notification table. */
export function notificationHandlers(
  dataSource: DataSource,
  unsubscribe: { tokens: UnsubscribeTokens; webUrl: string },
  settings: {
    /** The key ending the callback URL of OVHcloud's delivery reports. */
    smsReportKey: string;
    /** The hour (Paris time) the daily digests are sent. */
    digestHour: number;
  },
): NotificationHandlers {
  // Built at the first request for it rather than at every start.
  const description = lazy(notificationApiDescription);
  return {
    ...bookingMessagesHandlers(dataSource),
    ...myPreferencesHandlers(dataSource),
    ...unsubscribeHandlers(dataSource, unsubscribe.tokens, unsubscribe.webUrl),
    ...failedMessagesHandlers(dataSource),
    ...smsDeliveryReportHandlers(dataSource, settings.smsReportKey),
    ...myDigestHandlers(dataSource, settings.digestHour),
    ...establishmentContactHandlers(dataSource),
    ...personalDataHandlers(dataSource),
    ...erasureHandlers(dataSource),
    // A copy typed as plain JSON (the generator's type is an interface without an index signature).
    openApi: { access: 'anyone', handle: () => ({ ...description() }) },
  };
}
