import { createEventTablesMigration } from '@salle/events';
import { AddPreferences1796620000000 } from './add-preferences';
import { AddSmsContacts1796610000000 } from './add-sms-contacts';
import { CreateNotificationTables1796600000000 } from './create-notification-tables';

/** The notification service's schema and its migrations, in order. */
export const notificationDatabase = {
  schema: 'notification',
  migrations: [
    createEventTablesMigration('notification'),
    CreateNotificationTables1796600000000,
    AddSmsContacts1796610000000,
    AddPreferences1796620000000,
  ],
};
