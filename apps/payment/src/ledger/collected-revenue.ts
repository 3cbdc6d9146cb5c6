import type { DataSource } from 'typeorm';
import type { RevenueFigures, RevenueQuery, RevenueView } from '@salle/contracts';
import { requireAdmin, requireManagerOf, type CallerAccess } from '@salle/auth';
import { writeCsv } from '@salle/csv';
import { decimalEuros, parisDayStart } from '../payments/french-format';

const DAY_MS = 86_400_000;

interface RevenueRow {
  establishmentId: string;
  month: string;
  collectedCents: number;
  refundedCents: number;
  disputedCents: number;
}

/**
 * The collèges whose money the caller may see: the one asked for (its
 * managers and the admins), else every collège for admins and their own for
 * managers; anyone else is refused. Null means every collège.
 */
export function revenueScope(access: CallerAccess, establishmentId: string | undefined): string[] | null {
  if (establishmentId) {
    requireManagerOf(access, establishmentId);
    return [establishmentId];
  }
  if (access.isAdmin) return null;
  if (access.establishments.size === 0) requireAdmin(access);
  return [...access.establishments];
}

const zero = (): RevenueFigures => ({ collectedCents: 0, refundedCents: 0, disputedCents: 0, netCents: 0 });

function add(figures: RevenueFigures, row: RevenueRow): RevenueFigures {
  const collectedCents = figures.collectedCents + row.collectedCents;
  const refundedCents = figures.refundedCents + row.refundedCents;
  const disputedCents = figures.disputedCents + row.disputedCents;
  return { collectedCents, refundedCents, disputedCents, netCents: collectedCents - refundedCents - disputedCents };
}

function sumBy<K extends string>(rows: RevenueRow[], key: (row: RevenueRow) => string) {
  const sums = new Map<string, RevenueFigures>();
  for (const row of rows) sums.set(key(row), add(sums.get(key(row)) ?? zero(), row));
  return [...sums].sort(([a], [b]) => a.localeCompare(b)) as [K, RevenueFigures][];
}

/**
 * Money collected from payers, refunded to them and taken by disputes, per
 * collège and Paris month, from the ledger (what the provider confirmed,
 * not what was billed): charges (cards and PayFiP), refunds and disputes
 * of attributed payments; money in suspense (no known booking) has no
 * collège and is left out.
 */
export async function collectedRevenue(
  dataSource: DataSource,
  query: RevenueQuery,
  scope: string[] | null,
): Promise<RevenueView> {
  const rows = (await dataSource.query(
    `SELECT establishment_id AS "establishmentId",
            to_char(occurred_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS month,
            COALESCE(sum(amount_cents) FILTER (WHERE entry_type = 'charge'), 0)::float8 AS "collectedCents",
            COALESCE(-sum(amount_cents) FILTER (WHERE entry_type = 'refund'), 0)::float8 AS "refundedCents",
            COALESCE(-sum(amount_cents) FILTER (WHERE entry_type = 'dispute'), 0)::float8 AS "disputedCents"
       FROM payment.ledger_entry
      WHERE establishment_id IS NOT NULL AND entry_type IN ('charge', 'refund', 'dispute')
        AND occurred_at >= $1 AND occurred_at < $2
        AND ($3::uuid[] IS NULL OR establishment_id = ANY($3::uuid[]))
      GROUP BY 1, 2`,
    [parisDayStart(query.from), new Date(parisDayStart(query.to).getTime() + DAY_MS), scope],
  )) as RevenueRow[];
  return {
    from: query.from,
    to: query.to,
    totals: rows.reduce(add, zero()),
    months: sumBy(rows, (row) => row.month).map(([month, figures]) => ({ month, ...figures })),
    establishments: sumBy(rows, (row) => row.establishmentId).map(([establishmentId, figures]) => ({
      establishmentId,
      ...figures,
    })),
  };
}

/** The figures per collège for a spreadsheet: UTF-8 with BOM, semicolons, decimal commas. */
export function revenueCsv(view: RevenueView): string {
  const header = ['Collège (identifiant)', 'Encaissé (EUR)', 'Remboursé (EUR)', 'Contesté (EUR)', 'Net (EUR)'];
  const line = (label: string, figures: RevenueFigures) => [
    label,
    ...[figures.collectedCents, figures.refundedCents, figures.disputedCents, figures.netCents].map(decimalEuros),
  ];
  return writeCsv(header, [
    ...view.establishments.map((row) => line(row.establishmentId, row)),
    line('Total', view.totals),
  ]);
}
