import type { DataSource } from 'typeorm';
import { createTokenVerifier } from '@salle/auth';
import { notificationOperations } from '@salle/contracts/notification';
import { createEventConsumer, eventSecretsOf, type EventConsumer } from '@salle/events';
import { operationRoutes } from '@salle/http';
import type { Logger } from '@salle/runtime';
import { IntervalWorker, pseudonymiseOldAuditEntries, retentionReport, type ServiceOptions } from '@salle/service';
import { dkimOf, ovhSmsOf, type NotificationConfig } from './config';
import { notificationAccessPolicy } from './api/access-policy';
import { notificationDatabase } from './database';
import { deliveryMetrics } from './delivery/delivery-metrics';
import { DeliveryWorker } from './delivery/delivery-worker';
import { createMailSender } from './delivery/mail-sender';
import { createOvhSmsSender } from './delivery/sms/ovh-sms-sender';
import { notificationEventHandlers } from './events/notification-planner';
import { notificationHandlers } from './notification-api';
import { unsubscribeTokens } from './preferences/unsubscribe-token';
import { deleteOldMessages, NOTIFICATION_AUDIT_LOG } from './privacy/retention';
import { ReminderWorker } from './schedule/reminder-worker';
import { DigestWorker } from './digests/digest-worker';
import { WakeChannel, wakeChannelName } from './delivery/wake-channel';
import { serviceAuditOperations } from '@salle/contracts';
import { auditHandlers } from './audit/audit.handlers';

/** The pieces of a running notification service, for tests and the benchmark. */
export interface NotificationParts {
  delivery: DeliveryWorker;
  consumer: EventConsumer;
  reminders: ReminderWorker;
  digests: DigestWorker;
  wake: WakeChannel;
}

export interface NotificationServiceOverrides {
  /** Called with the running parts once the workers are started (tests drive them). */
  onStarted?: (parts: NotificationParts) => void;
  /** Consumer options a test shortens (claim after a crash...). */
  consumer?: { claimIdleMs?: number; consumerName?: string };
  /** The clock deciding which reminders are due and when SMS quiet hours are (tests move it). */
  now?: () => Date;
}

const HOUR_MS = 3_600_000;
/** Messages in flight per relay connection: one being sent, the next ones queued in the pool or being settled. */
const IN_FLIGHT_PER_CONNECTION = 4;

/**
 * A sender's window matched to its pool: more in flight than the connections can send only queues claimed rows
 * in this replica while another replica could send them.
 */
function sendWindowOf(config: NotificationConfig): number {
  return Math.min(config.NOTIFICATION_DELIVERY_BATCH, IN_FLIGHT_PER_CONNECTION * config.SMTP_MAX_CONNECTIONS);
}

/** Everything that makes the notification service, apart from the process around it. */
export function notificationService(
  config: NotificationConfig,
  logger: Logger,
  overrides: NotificationServiceOverrides = {},
): ServiceOptions {
  const verifier = createTokenVerifier({ jwksUrl: config.INTERNAL_JWKS_URL, audience: 'notification' });
  const policy = notificationAccessPolicy(verifier, logger);
  const tokens = unsubscribeTokens(config.NOTIFICATION_UNSUBSCRIBE_SECRET);
  const api = (dataSource: DataSource) =>
    operationRoutes(
      notificationOperations,
      notificationHandlers(
        dataSource,
        { tokens, webUrl: config.WEB_PUBLIC_URL },
        { smsReportKey: config.OVH_SMS_REPORT_KEY, digestHour: config.NOTIFICATION_DIGEST_HOUR },
      ),
      policy,
    );
  return {
    name: 'notification',
    logger,
    host: config.NOTIFICATION_HOST,
    port: config.NOTIFICATION_PORT,
    metrics: { host: config.NOTIFICATION_METRICS_HOST, port: config.NOTIFICATION_METRICS_PORT },
    databaseUrl: config.DATABASE_URL,
    redisUrl: config.REDIS_URL,
    redisSentinels: config.REDIS_SENTINELS,
    redisSentinelName: config.REDIS_SENTINEL_NAME,
    database: notificationDatabase,
    // The one-click unsubscription reads a form body: mounted before JSON parsing.
    rawRoutes: (app, { dataSource }) => api(dataSource).rawRoutes(app),
    routes: (app, { dataSource }) => {
      api(dataSource).routes(app);
      operationRoutes(serviceAuditOperations, auditHandlers(dataSource), policy).routes(app);
    },
    workers: async ({ dataSource, redis, metricsRegistry }) => {
      const ovh = ovhSmsOf(config);
      const email = createMailSender({
        smtpUrl: config.SMTP_URL,
        from: config.MAIL_FROM,
        maxConnections: config.SMTP_MAX_CONNECTIONS,
        timeoutMs: config.SMTP_TIMEOUT_MS,
        dkim: dkimOf(config),
      });
      const delivery = new DeliveryWorker(
        dataSource,
        { email, sms: ovh ? createOvhSmsSender(ovh) : null },
        {
          pollMs: config.NOTIFICATION_DELIVERY_POLL_MS,
          batchSize: sendWindowOf(config),
          leaseMs: config.NOTIFICATION_SEND_LEASE_MS,
          retry: {
            maxAttempts: config.NOTIFICATION_MAX_ATTEMPTS,
            initialMs: config.NOTIFICATION_RETRY_INITIAL_MS,
            maxMs: config.NOTIFICATION_RETRY_MAX_MS,
          },
          now: overrides.now,
        },
        logger,
        deliveryMetrics(metricsRegistry, dataSource),
      );
      // A replica's new messages wake its own sender, and every replica's (Redis pub/sub) when its own has no room.
      const wake = new WakeChannel(
        redis,
        wakeChannelName(redis.options.keyPrefix ?? ''),
        () => delivery.wake(),
        logger,
        () => delivery.hasRoom,
      );
      const settings = {
        brand: { departmentName: config.NOTIFICATION_DEPARTMENT_NAME, webUrl: config.WEB_PUBLIC_URL },
        sms: ovh !== null,
        now: overrides.now,
        unsubscribe: tokens,
        secrets: eventSecretsOf(config),
        reminders: {
          paymentMs: config.NOTIFICATION_PAYMENT_REMINDER_HOURS * HOUR_MS,
          sessionMs: config.NOTIFICATION_SESSION_REMINDER_DAYS * 24 * HOUR_MS,
          decisionMs: config.NOTIFICATION_DECISION_REMINDER_HOURS * HOUR_MS,
        },
      };
      const consumer = createEventConsumer({
        group: 'notification',
        dataSource,
        redis,
        keyPrefix: config.EVENTS_KEY_PREFIX,
        handlers: notificationEventHandlers(settings, logger),
        logger,
        metricsRegistry,
        ...overrides.consumer,
        // Messages were logged: every replica's sender claims now rather than at its next poll.
        hooks: { afterCommit: () => wake.announce() },
      });
      const reminders = new ReminderWorker(
        dataSource,
        settings,
        { batchSize: config.NOTIFICATION_DELIVERY_BATCH, now: overrides.now ?? (() => new Date()) },
        logger,
        () => wake.announce(),
      );
      const reminderTimer = new IntervalWorker(
        'reminders',
        config.NOTIFICATION_REMINDER_POLL_MS,
        () => reminders.runOnce(),
        logger,
      );
      const digests = new DigestWorker(
        dataSource,
        {
          hour: config.NOTIFICATION_DIGEST_HOUR,
          brand: settings.brand,
          unsubscribe: tokens,
          batchSize: config.NOTIFICATION_DELIVERY_BATCH,
          now: overrides.now ?? (() => new Date()),
        },
        logger,
        () => wake.announce(),
      );
      const digestTimer = new IntervalWorker(
        'digests',
        config.NOTIFICATION_REMINDER_POLL_MS,
        () => digests.runOnce(),
        logger,
      );
      const report = retentionReport(logger, metricsRegistry);
      const retention = new IntervalWorker(
        'privacy-retention',
        config.NOTIFICATION_RETENTION_INTERVAL_MS,
        async () => {
          await deleteOldMessages(dataSource, config.RETENTION_MESSAGES_MONTHS, report);
          await pseudonymiseOldAuditEntries(dataSource, NOTIFICATION_AUDIT_LOG, config, report);
        },
        logger,
      );
      delivery.start();
      await wake.start();
      await consumer.start();
      reminderTimer.start();
      digestTimer.start();
      retention.start();
      overrides.onStarted?.({ delivery, consumer, reminders, digests, wake });
      // The consumer, the reminders, the digests and the retention job stop first, so that no message is logged after the sender closed.
      return [consumer, reminderTimer, digestTimer, retention, wake, delivery];
    },
  };
}
