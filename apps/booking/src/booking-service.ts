import { createTokenVerifier, internalAuthentication } from '@salle/auth';
import { createEventConsumer, createOutboxRelay, eventSecretsOf } from '@salle/events';
import type { Logger } from '@salle/runtime';
import { IntervalWorker, pseudonymiseOldAuditEntries, retentionReport, type ServiceOptions } from '@salle/service';
import { loadSealCertificate } from '@salle/pdf-seal';
import { createObjectStore, downloadLinkSecret } from '@salle/storage';
import type { DataSource } from 'typeorm';
import { SpaceAvailability } from './availability/space-availability';
import { bookingAccessPolicy } from './access/access-policy';
import { bookingDescriptionRoute, bookingTableRoutes } from './booking-api';
import { RegisterSearch } from './organisations/register-search';
import { BookingLifecycle } from './bookings/booking-lifecycle';
import { BookingSweeper } from './bookings/booking-sweeper';
import { deleteOldBookings } from './privacy/booking-retention';
import { deleteExpiredCertificates } from './privacy/certificate-retention';
import { deleteOldConventions } from './privacy/convention-retention';
import { deleteOldAttachments } from './privacy/attachment-retention';
import { deleteRejectedOrganisations } from './privacy/organisation-retention';
import { BOOKING_AUDIT_LOG, deleteOldConversations } from './privacy/retention';
import { paymentEventHandlers } from './bookings/payment-event-handlers';
import { schoolCalendar } from './availability/school-calendar';
import { announceChangedContacts } from './catalogue/establishment-contacts';
import { standingDelegation, type BookingConfig } from './config';
import { announceExpiringInsurance } from './documents/insurance-expiry';
import { flagOverdueSignatures } from './conventions/signing-overdue';
import { bookingDatabase } from './database';
import { serviceAuditOperations } from '@salle/contracts';
import { operationRoutes } from '@salle/http';
import { auditHandlers } from './audit/audit.handlers';

/** Everything that makes the booking service, apart from the process around it. */
export function bookingService(config: BookingConfig, logger: Logger): ServiceOptions {
  const verifier = createTokenVerifier({ jwksUrl: config.INTERNAL_JWKS_URL, audience: 'booking' });
  const lifecycle = new BookingLifecycle({
    decisionDays: config.BOOKING_DECISION_DAYS,
    paymentDeadlineHours: config.BOOKING_PAYMENT_DEADLINE_HOURS,
    seriesPayment: { mode: config.SERIES_PAYMENT, leadDays: config.BOOKING_SERIES_PAYMENT_LEAD_DAYS },
    conventionSigning: config.CONVENTION_SIGNING,
    conventionSigningDueDays: config.CONVENTION_SIGNING_DUE_DAYS,
  });
  // Insurance certificates and issued conventions live in the object store, reached only through this service.
  const store = createObjectStore(config);
  // The seal of signed conventions: the verification page trusts this certificate only, not its CA.
  const sealCertificate = loadSealCertificate(config);
  const sealing = {
    linkSecret: downloadLinkSecret(config),
    trustedSealCertificates: [sealCertificate.certificatePem],
    // Claim codes and invitation links travel sealed in events (EVENT_SECRET_KEY, shared with notification).
    eventSecrets: eventSecretsOf(config),
  };
  const verifyToken = internalAuthentication(verifier);
  let tableRoutes: ReturnType<typeof bookingTableRoutes> | undefined;
  const routesOf = (dataSource: DataSource) =>
    (tableRoutes ??= bookingTableRoutes(
      dataSource,
      bookingAccessPolicy(dataSource, verifyToken),
      lifecycle,
      new RegisterSearch(config.REGISTER_SEARCH_URL),
      store,
      logger,
      {
        mode: config.CONVENTION_SIGNING,
        standing: standingDelegation(config),
        sealCertificate,
        conventionMode: config.CONVENTION_MODE,
        linkSecret: sealing.linkSecret,
      },
      sealing,
      {
        conventionYears: config.BOOKING_CONVENTION_DELETE_AFTER_YEARS,
        bookingYears: config.BOOKING_RECORDS_DELETE_AFTER_YEARS,
      },
    ));
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
      const events = { dataSource, redis, logger, metricsRegistry, keyPrefix: config.EVENTS_KEY_PREFIX };
      // booking.* events go to the payment and notification services, membership changes to the gateway; payment.* events move bookings on (through the lifecycle).
      const relay = createOutboxRelay({
        ...events,
        stream: 'booking',
        consumerGroups: ['payment', 'gateway', 'notification'],
      });
      const consumer = createEventConsumer({ ...events, group: 'booking', handlers: paymentEventHandlers(lifecycle) });
      await Promise.all([relay.start(), consumer.start()]);
      const sweeper = new BookingSweeper(dataSource, lifecycle);
      const retention = retentionReport(logger, metricsRegistry);
      const availability = new SpaceAvailability();
      return [
        relay,
        consumer,
        { name: 'object-store', stop: () => store.close() },
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
        new IntervalWorker(
          'privacy-retention',
          config.BOOKING_RETENTION_INTERVAL_MS,
          async () => {
            await pseudonymiseOldAuditEntries(dataSource, BOOKING_AUDIT_LOG, config, retention);
            // The files first: the messages' deletion would drop the rows that point at them.
            await deleteOldAttachments(dataSource, store, config.BOOKING_CONVERSATION_DELETE_AFTER_YEARS, retention);
            await deleteOldConversations(dataSource, config.BOOKING_CONVERSATION_DELETE_AFTER_YEARS, retention);
            const years = config.BOOKING_INSURANCE_CERTIFICATE_DELETE_AFTER_YEARS;
            await deleteExpiredCertificates(dataSource, store, years, retention);
            await deleteOldConventions(dataSource, store, config.BOOKING_CONVENTION_DELETE_AFTER_YEARS, retention);
            await deleteOldBookings(dataSource, store, config.BOOKING_RECORDS_DELETE_AFTER_YEARS, retention);
            // After the bookings: an organisation whose last booking just went may go in the same run.
            const rejected = config.BOOKING_REJECTED_ORGANISATION_DELETE_AFTER_YEARS;
            await deleteRejectedOrganisations(dataSource, store, rejected, retention);
          },
          logger,
        ).start(),
        // Tells the notification service who speaks for each collège, including those the seed or SQL wrote.
        new IntervalWorker(
          'contacts-announcer',
          config.BOOKING_CONTACTS_INTERVAL_MS,
          () => announceChangedContacts(dataSource),
          logger,
        ).start(),
        // Flags the bookings paid but still unsigned at their signing deadline, and reminds whose turn it is.
        new IntervalWorker(
          'convention-signing-overdue',
          config.BOOKING_SWEEP_INTERVAL_MS,
          () => flagOverdueSignatures(dataSource),
          logger,
        ).start(),
        // Tells the organisations whose insurance certificate expires within a month, once per certificate.
        new IntervalWorker(
          'insurance-expiry-announcer',
          config.BOOKING_INSURANCE_REMINDER_INTERVAL_MS,
          () => announceExpiringInsurance(dataSource),
          logger,
        ).start(),
      ];
    },
    // Uploads read their body as bytes: mounted before the JSON parser (their access rule verifies the token).
    rawRoutes: (app, { dataSource }) => routesOf(dataSource).rawRoutes(app),
    routes: (app, { dataSource }) => {
      // Read and check the school calendar now: missing or malformed data files
      // stop the service at start instead of failing the first request that needs them.
      schoolCalendar();
      bookingDescriptionRoute(bookingAccessPolicy(dataSource, verifyToken)).routes(app);
      app.use(verifyToken);
      routesOf(dataSource).routes(app);
      operationRoutes(
        serviceAuditOperations,
        auditHandlers(dataSource),
        bookingAccessPolicy(dataSource, verifyToken),
      ).routes(app);
    },
  };
}
