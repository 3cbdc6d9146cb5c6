import type { DataSource } from 'typeorm';
import { RETENTION_PERIODS, retentionCutoff } from '@salle/contracts';
import type { AuditLogRetention, RetentionReport } from '@salle/service';

const BATCH = 1_000;

/** Payment's audit log, pseudonymised after PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS by the shared job (@salle/service). */
export const PAYMENT_AUDIT_LOG: AuditLogRetention<'PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS'> = {
  tables: [{ name: 'payment.audit_log' }],
  variable: 'PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS',
};

/**
 * Changes the rows of `payment.${table}` that `due` selects ($1 the cutoff), `change` being `SET …` or `DELETE`,
 * in batches claimed with FOR UPDATE SKIP LOCKED (replicas share the rows instead of waiting), until none is left.
 */
async function inBatches(dataSource: DataSource, table: string, due: string, change: string, cutoff: Date) {
  const apply =
    change === 'DELETE'
      ? `DELETE FROM payment.${table} t USING due WHERE t.id = due.id`
      : `UPDATE payment.${table} t ${change} FROM due WHERE t.id = due.id`;
  let total = 0;
  for (;;) {
    const result = (await dataSource.query(
      `WITH due AS (SELECT id FROM payment.${table} WHERE ${due} ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) ${apply}`,
      [cutoff, BATCH],
    )) as [unknown[], number];
    total += result[1];
    if (result[1] < BATCH) return total;
  }
}

export interface AccountingAnonymised {
  payments: number;
  refunds: number;
  invoices: number;
  flags: number;
  payerContacts: number;
  providerEvents: number;
}

/**
 * Retention of the accounting records: payments, refunds, invoices and flags made more than `years` ago
 * (PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS, the accounting period) are anonymised: the account ids and the payer
 * e-mail go, amounts and references stay (the ledger, append-only, and the reconciliation still read them); the
 * messages written to a payer about a flag (« Contacter le payeur ») lose their author and their text, which may
 * name people, keeping when and by which role the payer was contacted, the flag's history; the
 * provider events received before then, raw copies of the provider's objects that may name the payer, are
 * deleted once applied. Idempotent: an anonymised row is never claimed again. `now` is a parameter for tests.
 */
export async function anonymiseOldAccountingRecords(
  dataSource: DataSource,
  years: number,
  report: RetentionReport,
  now = new Date(),
): Promise<AccountingAnonymised> {
  const cutoff = retentionCutoff(now, years, RETENTION_PERIODS.PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS.unit);
  const done = {
    payments: await inBatches(
      dataSource,
      'payment',
      `created_at < $1 AND (created_by IS NOT NULL OR request ? 'payerEmail')`,
      `SET created_by = NULL, request = t.request - 'payerEmail'`,
      cutoff,
    ),
    refunds: await inBatches(
      dataSource,
      'refund',
      `requested_at < $1 AND accountant_done_by IS NOT NULL`,
      `SET accountant_done_by = NULL`,
      cutoff,
    ),
    invoices: await inBatches(
      dataSource,
      'invoice',
      `issued_at < $1 AND paid_recorded_by IS NOT NULL`,
      `SET paid_recorded_by = NULL`,
      cutoff,
    ),
    flags: await inBatches(
      dataSource,
      'payment_flag',
      `created_at < $1 AND resolved_by IS NOT NULL`,
      `SET resolved_by = NULL`,
      cutoff,
    ),
    payerContacts: await inBatches(
      dataSource,
      'payment_flag_contact',
      `contacted_at < $1 AND (contacted_by IS NOT NULL OR message <> '')`,
      `SET contacted_by = NULL, message = ''`,
      cutoff,
    ),
    providerEvents: await inBatches(
      dataSource,
      'provider_event',
      `received_at < $1 AND processed_at IS NOT NULL`,
      'DELETE',
      cutoff,
    ),
  };
  report('payments', 'pseudonymised', done.payments);
  report('refunds', 'pseudonymised', done.refunds);
  report('invoices', 'pseudonymised', done.invoices);
  report('payment_flags', 'pseudonymised', done.flags);
  report('payer_contacts', 'pseudonymised', done.payerContacts);
  report('provider_events', 'deleted', done.providerEvents);
  return done;
}
