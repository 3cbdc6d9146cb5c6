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

/** The collège's ledger as CSV (its managers and the admins) and the reconciliation report. */
export function ledgerHandlers(dataSource: DataSource): Pick<PaymentHandlers, 'ledger' | 'reconciliation'> {
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
  };
}
