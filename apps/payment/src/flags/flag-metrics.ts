import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { PAYMENT_FLAG_KINDS } from '@salle/contracts';

/**
 * Open payment flags by kind, counted at each scrape, so that an alert (deploy/monitoring/alerts.yml) tells
 * the département's admins to look at `GET /api/payment/admin/flags` instead of waiting for their daily check.
 * Every kind is reported, at 0 when none is open, so that a rule can tell "none" from "not scraped". While
 * PostgreSQL is unreachable the previous counts stay: /metrics keeps answering, and readiness tells the outage.
 */
export function flagMetrics(registry: Registry, dataSource: DataSource): Gauge<'kind'> {
  return new Gauge({
    name: 'payment_flags_open',
    help: 'Payment flags not yet resolved by a département admin, by kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
    async collect() {
      let rows: { kind: string; count: number }[];
      try {
        rows = (await dataSource.query(
          `SELECT kind, count(*)::int AS count FROM payment.payment_flag WHERE resolved_at IS NULL GROUP BY kind`,
        )) as { kind: string; count: number }[];
      } catch {
        return;
      }
      for (const kind of PAYMENT_FLAG_KINDS) this.set({ kind }, rows.find((row) => row.kind === kind)?.count ?? 0);
    },
  });
}
