import type { DataSource } from 'typeorm';
import { createTokenVerifier } from '@salle/auth';
import { notificationOperations } from '@salle/contracts/notification';
import { createEventConsumer, type EventConsumer } from '@salle/events';
import { operationRoutes } from '@salle/http';
import type { Logger } from '@salle/runtime';
import type { ServiceOptions } from '@salle/service';
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

/** The pieces of a running notification service, for tests and the benchmark. */
export interface NotificationParts {
  delivery: DeliveryWorker;
  consumer: EventConsumer;
}

export interface NotificationServiceOverrides {
  /** Called with the running parts once the workers are started (tests drive them). */
  onStarted?: (parts: NotificationParts) => void;
  /** The clock SMS quiet hours are read on (tests set the hour). */
  now?: () => Date;
  /** Consumer options a test shortens (claim after a crash...). */
  consumer?: { claimIdleMs?: number; consumerName?: string };
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
      notificationHandlers(dataSource, { tokens, webUrl: config.WEB_PUBLIC_URL }),
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
    database: notificationDatabase,
    // The one-click unsubscription reads a form body: mounted before JSON parsing.
    rawRoutes: (app, { dataSource }) => api(dataSource).rawRoutes(app),
    routes: (app, { dataSource }) => api(dataSource).routes(app),
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
          batchSize: config.NOTIFICATION_DELIVERY_BATCH,
          leaseMs: config.NOTIFICATION_SEND_LEASE_MS,
          retry: {
            maxAttempts: config.NOTIFICATION_MAX_ATTEMPTS,
            initialMs: config.NOTIFICATION_RETRY_INITIAL_MS,
            maxMs: config.NOTIFICATION_RETRY_MAX_MS,
          },
        },
        logger,
        deliveryMetrics(metricsRegistry, dataSource),
      );
      const consumer = createEventConsumer({
        group: 'notification',
        dataSource,
        redis,
        keyPrefix: config.EVENTS_KEY_PREFIX,
        handlers: notificationEventHandlers(
          {
            brand: { departmentName: config.NOTIFICATION_DEPARTMENT_NAME, webUrl: config.WEB_PUBLIC_URL },
            sms: ovh !== null,
            now: overrides.now,
            unsubscribe: tokens,
          },
          logger,
        ),
        logger,
        metricsRegistry,
        ...overrides.consumer,
        // Messages were logged: send them now rather than at the next poll.
        hooks: { afterCommit: () => delivery.wake() },
      });
      delivery.start();
      await consumer.start();
      overrides.onStarted?.({ delivery, consumer });
      // The consumer stops first, so that no message is logged after the sender closed.
      return [consumer, delivery];
    },
  };
}
