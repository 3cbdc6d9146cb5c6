import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/**
 * What an operator watches: attempts by outcome (a rising `failed` means
 * messages that reached nobody: the send log's `last_error` says why), the
 * messages waiting, and the time from the event to the relay's acceptance.
 */
export function deliveryMetrics(registry: Registry, dataSource: DataSource) {
  return {
    attempts: new Counter({
      name: 'notification_send_attempts_total',
      help: 'Attempts to hand a message to the SMTP relay, by outcome: sent, retry (will be tried again), failed (given up).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    delay: new Histogram({
      name: 'notification_delivery_seconds',
      help: 'From the event that called for a message to its acceptance by the SMTP relay.',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300, 3600],
      registers: [registry],
    }),
    waiting: new Gauge({
      name: 'notification_messages_waiting',
      help: 'Messages not yet accepted by the relay and not given up: pending (due or retrying later) or sending.',
      labelNames: ['status'] as const,
      registers: [registry],
      async collect() {
        const rows = (await dataSource.query(
          `SELECT status, count(*)::int AS count FROM notification.message WHERE status IN ('pending', 'sending') GROUP BY status`,
        )) as { status: string; count: number }[];
        this.reset();
        for (const status of ['pending', 'sending'])
          this.set({ status }, rows.find((row) => row.status === status)?.count ?? 0);
      },
    }),
  };
}

export type DeliveryMetrics = ReturnType<typeof deliveryMetrics>;
