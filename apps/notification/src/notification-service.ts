import { createEventConsumer, type EventConsumer } from '@salle/events';
import type { Logger } from '@salle/runtime';
import type { ServiceOptions } from '@salle/service';
import { dkimOf, type NotificationConfig } from './config';
import { notificationDatabase } from './database';
import { deliveryMetrics } from './delivery/delivery-metrics';
import { DeliveryWorker } from './delivery/delivery-worker';
import { createMailSender } from './delivery/mail-sender';
import { notificationEventHandlers } from './events/notification-planner';

/** The pieces of a running notification service, for tests and the benchmark. */
export interface NotificationParts {
  delivery: DeliveryWorker;
  consumer: EventConsumer;
}

export interface NotificationServiceOverrides {
  /** Called with the running parts once the workers are started (tests drive them). */
  onStarted?: (parts: NotificationParts) => void;
  /** Consumer options a test shortens (claim after a crash...). */
  consumer?: { claimIdleMs?: number; consumerName?: string };
}

/** Everything that makes the notification service, apart from the process around it. */
export function notificationService(
  config: NotificationConfig,
  logger: Logger,
  overrides: NotificationServiceOverrides = {},
): ServiceOptions {
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
    routes: () => undefined,
    workers: async ({ dataSource, redis, metricsRegistry }) => {
      const sender = createMailSender({
        smtpUrl: config.SMTP_URL,
        from: config.MAIL_FROM,
        maxConnections: config.SMTP_MAX_CONNECTIONS,
        timeoutMs: config.SMTP_TIMEOUT_MS,
        dkim: dkimOf(config),
      });
      const delivery = new DeliveryWorker(
        dataSource,
        sender,
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
          { brand: { departmentName: config.NOTIFICATION_DEPARTMENT_NAME, webUrl: config.WEB_PUBLIC_URL } },
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
