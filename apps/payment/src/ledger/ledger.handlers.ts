import type { DataSource } from 'typeorm';
import { reply } from '@salle/http';
import { queryRows } from '@salle/db';
import type { PaymentHandlers } from '../access/access-policy';
import { requireAdmin, requireManagerOf } from '@salle/auth';
import { invalidPeriod } from '../errors';
import { parisDayStart } from '../payments/french-format';
import { ledgerEntryTable } from '../database/tables/ledger-entry-table';
import { ledgerCsv, type CsvLedgerRow } from './ledger-csv';
import { reconciliationReport } from './reconciliation';
import { collectedRevenue, revenueCsv, revenueScope } from './collected-revenue';

/** The collège's ledger as CSV (its managers and the admins), the reconciliation report and the collected revenue. */
export function ledgerHandlers(
  dataSource: DataSource,
): Pick<PaymentHandlers, 'ledger' | 'reconciliation' | 'revenue' | 'revenueCsv'> {
  return {
    ledger: {
      access: 'establishmentManager',
      handle: async ({ params: { establishmentId }, query }) => {
        if (query.from && query.to && query.from > query.to) throw invalidPeriod();
        const from = query.from ? parisDayStart(query.from) : null;
        const to = query.to ? new Date(parisDayStart(query.to).getTime() + 86_400_000) : null;
        const entries = await queryRows<CsvLedgerRow>(
          dataSource,
          `SELECT ${ledgerEntryTable.pick('occurredAt', 'bookingId', 'entryType', 'amountCents', 'providerObjectId', 'payoutId')}
             FROM payment.ledger_entry
            WHERE establishment_id = $1 AND party = 'establishment'
              AND ($2::timestamptz IS NULL OR occurred_at >= $2) AND ($3::timestamptz IS NULL OR occurred_at < $3)
            ORDER BY occurred_at, id`,
          [establishmentId, from, to],
        );
        const period = `${query.from ?? 'debut'}_${query.to ?? 'aujourdhui'}`;
        return reply(ledgerCsv(entries), {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="grand-livre-${establishmentId}-${period}.csv"`,
          },
        });
      },
    },
    reconciliation: {
      access: 'signedIn',
      handle: ({ query: { establishmentId } }, { access }) => {
        if (establishmentId) requireManagerOf(access, establishmentId);
        else requireAdmin(access);
        return reconciliationReport(dataSource, establishmentId);
      },
    },
    revenue: {
      access: 'signedIn',
      handle: ({ query }, { access }) =>
        collectedRevenue(dataSource, query, revenueScope(access, query.establishmentId)),
    },
    revenueCsv: {
      access: 'signedIn',
      handle: async ({ query }, { access }) => {
        const view = await collectedRevenue(dataSource, query, revenueScope(access, query.establishmentId));
        return reply(revenueCsv(view), {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="recettes-encaissees-${query.from}_${query.to}.csv"`,
          },
        });
      },
    },
  };
}
