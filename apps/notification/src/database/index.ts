import { eventTablesMigrations } from '@salle/events';
import { CreateNotificationTables1796600000000 } from './create-notification-tables';

/** The notification service's schema and its migrations, in order. */
export const notificationDatabase = {
  schema: 'notification',
  migrations: [...eventTablesMigrations('notification'), CreateNotificationTables1796600000000],
};
