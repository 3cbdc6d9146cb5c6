import type { DatabaseOptions } from '@salle/db';
import { EnableExtensions1763830000000 } from './migrations/1763830000000-enable-extensions';

export const BOOKING_SCHEMA = 'booking';

/** Entities and migrations of the booking schema, listed explicitly (no globs: the app is bundled). */
export const bookingDatabase: Omit<DatabaseOptions, 'url'> = {
  schema: BOOKING_SCHEMA,
  entities: [],
  migrations: [EnableExtensions1763830000000],
};
