import { eventTablesMigrations } from '@salle/events';
import { CreateNotificationTables1796600000000 } from './migrations/1796600000000-create-notification-tables';
import { AddSmsContacts1796610000000 } from './migrations/1796610000000-add-sms-contacts';
import { AddPreferences1796620000000 } from './migrations/1796620000000-add-preferences';
import { EstablishmentContacts1796720000000 } from './migrations/1796720000000-establishment-contacts';
import { ScheduledMessages1796730000000 } from './migrations/1796730000000-scheduled-messages';
import { DepartmentAdmins1796750000000 } from './migrations/1796750000000-department-admins';
import { PreferenceKinds1796760000000 } from './migrations/1796760000000-preference-kinds';
import { SmsDeliveryReports1797100000000 } from './migrations/1797100000000-sms-delivery-reports';
import { DailyDigests1797110000000 } from './migrations/1797110000000-daily-digests';
import { ContactPhoneConsent1797120000000 } from './migrations/1797120000000-contact-phone-consent';
import { AccountInactivityKind1797200000000 } from './migrations/1797200000000-account-inactivity-kind';
import { ConversationAndClaimKinds1797200000001 } from './migrations/1797200000001-conversation-and-claim-kinds';
import { KindsCheckedByCode1797700000000 } from './migrations/1797700000000-kinds-checked-by-code';
import { ContactOptOuts1798600000000 } from './migrations/1798600000000-contact-opt-outs';
import { AuditLog1799700200000 } from './migrations/1799700200000-audit-log';
import { MessageSeriesSessions1801300000000 } from './migrations/1801300000000-message-series-sessions';

/** The notification service's schema and its migrations, in order. */
export const notificationDatabase = {
  schema: 'notification',
  migrations: [
    ...eventTablesMigrations('notification'),
    CreateNotificationTables1796600000000,
    AddSmsContacts1796610000000,
    AddPreferences1796620000000,
    EstablishmentContacts1796720000000,
    ScheduledMessages1796730000000,
    DepartmentAdmins1796750000000,
    PreferenceKinds1796760000000,
    SmsDeliveryReports1797100000000,
    DailyDigests1797110000000,
    ContactPhoneConsent1797120000000,
    AccountInactivityKind1797200000000,
    ConversationAndClaimKinds1797200000001,
    KindsCheckedByCode1797700000000,
    ContactOptOuts1798600000000,
    AuditLog1799700200000,
    MessageSeriesSessions1801300000000,
  ],
};
