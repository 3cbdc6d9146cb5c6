import { createTokenVerifier, internalAuthentication } from '@salle/auth';
import { createEventConsumer, createOutboxRelay } from '@salle/events';
import type { Logger } from '@salle/runtime';
import { IntervalWorker, type ServiceOptions } from '@salle/service';
import { SpaceAvailability } from './availability/space-availability';
import { bookingAccessPolicy } from './access/access-policy';
import { bookingDescriptionRoute, bookingTableRoutes } from './booking-api';
import { BookingDesk } from './bookings/booking-desk';
import { BookingSweeper } from './bookings/booking-sweeper';
import { paymentEventHandlers } from './bookings/payment-event-handlers';
import { schoolCalendar } from './bookings/school-calendar';
import type { BookingConfig } from './config';
import { bookingDatabase } from './database';

/** Everything that makes the booking service, apart from the process around it. */
export function bookingService(config: BookingConfig, logger: Logger): ServiceOptions {
  const verifier = createTokenVerifier({ jwksUrl: config.INTERNAL_JWKS_URL, audience: 'booking' });
  const policy = {
    decisionDays: config.BOOKING_DECISION_DAYS,
    paymentDeadlineHours: config.BOOKING_PAYMENT_DEADLINE_HOURS,
  };
  return {
    name: 'booking',
    logger,
    host: config.BOOKING_HOST,
    port: config.BOOKING_PORT,
    metrics: { host: config.BOOKING_METRICS_HOST, port: config.BOOKING_METRICS_PORT },
    databaseUrl: config.DATABASE_URL,
    redisUrl: config.REDIS_URL,
    redisSentinels: config.REDIS_SENTINELS,
    redisSentinelName: config.REDIS_SENTINEL_NAME,
    database: bookingDatabase,
    // CSV imports travel inside JSON bodies (the contracts cap the CSV at 5 M characters).
    bodyLimit: '6mb',
    workers: async ({ dataSource, redis, metricsRegistry }) => {
      const desk = new BookingDesk(dataSource, policy);
      const events = { dataSource, redis, logger, metricsRegistry, keyPrefix: config.EVENTS_KEY_PREFIX };
      // booking.* events go to the payment and notification services, membership changes to the gateway; payment.* events settle bookings.
      const relay = createOutboxRelay({
        ...events,
        stream: 'booking',
        consumerGroups: ['payment', 'gateway', 'notification'],
      });
      const consumer = createEventConsumer({ ...events, group: 'booking', handlers: paymentEventHandlers(desk) });
      await Promise.all([relay.start(), consumer.start()]);
      const sweeper = new BookingSweeper(dataSource, desk);
      const availability = new SpaceAvailability();
      return [
        relay,
        consumer,
        new IntervalWorker(
          'booking-sweeper',
          config.BOOKING_SWEEP_INTERVAL_MS,
          () => sweeper.sweepOnce(),
          logger,
        ).start(),
        // Extends each space's materialised windows as days pass, and computes those of spaces written outside the API (seed, SQL).
        new IntervalWorker(
          'availability-refresher',
          config.BOOKING_AVAILABILITY_INTERVAL_MS,
          () => availability.refreshAll(dataSource),
          logger,
        ).start(),
      ];
    },
    routes: (app, { dataSource }) => {
      // Read and check the school calendar now: missing or malformed data files
      // stop the service at start instead of failing the first request that needs them.
      schoolCalendar();
      const accessRules = bookingAccessPolicy(dataSource);
      bookingDescriptionRoute(accessRules).routes(app);
      app.use(internalAuthentication(verifier));
      bookingTableRoutes(dataSource, accessRules, new BookingDesk(dataSource, policy)).routes(app);
    },
  };
}
