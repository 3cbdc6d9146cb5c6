import type { MigrationInterface } from 'typeorm';
import { notificationDatabase } from './index';

// A database records each applied migration under its `name`, not its file: these are the names deployed
// databases hold. Moving or renaming a file must leave them as they are, or the migration would run again.
it('keeps the names deployed databases recorded, in order', () => {
  const names = notificationDatabase.migrations.map((Migration) => (new Migration() as MigrationInterface).name);
  expect(names).toEqual([
    'CreateEventTables1763900000000',
    'AddOutboxTraceparent1796700000000',
    'CreateNotificationTables1796600000000',
    'AddSmsContacts1796610000000',
    'AddPreferences1796620000000',
    'EstablishmentContacts1796720000000',
    'ScheduledMessages1796730000000',
    'DepartmentAdmins1796750000000',
    'PreferenceKinds1796760000000',
    'SmsDeliveryReports1797100000000',
    'DailyDigests1797110000000',
    'ContactPhoneConsent1797120000000',
    'AccountInactivityKind1797200000000',
    'ConversationAndClaimKinds1797200000001',
    'KindsCheckedByCode1797700000000',
    'ContactOptOuts1798600000000',
    'AuditLog1799700200000',
    'MessageSeriesSessions1801300000000',
  ]);
});
