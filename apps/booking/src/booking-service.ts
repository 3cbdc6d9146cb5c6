import type { Logger } from '@salle/runtime';
import type { ServiceOptions } from '@salle/service';
import type { BookingConfig } from './config';
import { bookingDatabase } from './database';

/** Everything that makes the booking service, apart from the process around it. */
export function bookingService(config: BookingConfig, logger: Logger): ServiceOptions {
  return {
    name: 'booking',
    logger,
    host: config.BOOKING_HOST,
    port: config.BOOKING_PORT,
    databaseUrl: config.DATABASE_URL,
    redisUrl: config.REDIS_URL,
    database: bookingDatabase,
    routes: (app) => {
      app.get('/', (_req, res) => {
        res.json({ service: 'booking', status: 'ok' });
      });
    },
  };
}
