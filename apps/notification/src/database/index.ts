import { createEventTablesMigration } from '@salle/events';
import { CreateNotificationTables1796600000000 } from './migrations/1796600000000-create-notification-tables';

/** The notification service's schema and its migrations, in order. */
export const notificationDatabase = {
  schema: 'notification',
  migrations: [createEventTablesMigration('notification'), CreateNotificationTables1796600000000],
};
