// The payment service's retention job on a simulated clock: accounting records older than the period lose every
// link to a person, amounts and references kept; younger ones are untouched; a second run finds nothing, and two
// replicas running it at once share the rows.
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@salle/db';
import { createLogger } from '@salle/runtime';
import { retentionReport } from '@salle/service';
import { createTestDatabase, type TestDatabase } from '@salle/testing';
import { paymentDatabase } from '../src/database/index';
import { anonymiseOldAccountingRecords } from '../src/privacy/retention';

const NOW = new Date('2040-06-15T12:00:00Z');
/** `years` and `days` before NOW. */
const before = (years: number, days = 0) => new Date(Date.UTC(2040 - years, 5, 15 - days, 12));

describe('payment retention: accounting records anonymised after the accounting period', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('payment_retention');
    dataSource = createDataSource({ ...paymentDatabase, url: database.url });
    await dataSource.initialize();
    await migrate(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /**
   * One person's records made at `at`: a PayFiP payment, its refund, an invoice, a flag with a message written to the
   * payer about it, and a provider event.
   */
  async function recordsAt(at: Date, tag: string) {
    const accountId = randomUUID();
    const paymentId = randomUUID();
    const query = (sql: string, values: unknown[]) => dataSource.query(sql, values);
    await query(
      `INSERT INTO payment.payment (id, booking_id, attempt, status, provider, idempotency_key, checkout_id, amount_cents,
              application_fee_cents, expires_at, request, paid_at, created_by, created_at)
       VALUES ($1, $2, 1, 'succeeded', 'payfip', $3, $4, 4500, 0, $5, $6, $5, $7, $5)`,
      [
        paymentId,
        randomUUID(),
        `checkout:${tag}`,
        `idop-${tag}`,
        at,
        JSON.stringify({ payerEmail: `${tag}@example.test` }),
        accountId,
      ],
    );
    await query(
      `INSERT INTO payment.refund (id, payment_id, cause, percent, amount_cents, status, idempotency_key,
              accountant_requested_at, accountant_reference, accountant_done_at, accountant_done_by, requested_at)
       VALUES ($1, $2, 'cancellation', 100, 4500, 'succeeded', $3, $4, $5, $4, $6, $4)`,
      [randomUUID(), paymentId, `refund:${tag}`, at, `OP-${tag}`, accountId],
    );
    await query(
      `INSERT INTO payment.invoice (number, booking_id, organisation_id, establishment_id, space_id, starts_at, ends_at,
              amount_cents, payer, labels, status, issued_at, due_at, paid_at, payment_reference, paid_recorded_by)
       VALUES ($1, $2, $2, $2, $2, $3, $3, 4500, '{}', '{}', 'paid', $3, $3, $3, $4, $5)`,
      [`FA-${tag}`, randomUUID(), at, `MANDAT-${tag}`, accountId],
    );
    const flagId = randomUUID();
    await query(
      `INSERT INTO payment.payment_flag (id, kind, dedupe_key, payment_id, detail, created_at, resolved_at, resolved_by)
       VALUES ($1, 'late_payment', $2, $3, 'Paiement tardif', $4, $4, $5)`,
      [flagId, `late:${tag}`, paymentId, at, accountId],
    );
    await query(
      `INSERT INTO payment.payment_flag_contact (flag_id, contacted_at, contacted_by, contacted_by_role, message)
       VALUES ($1, $2, $3, 'department_admin', $4)`,
      [flagId, at, accountId, `Madame Martin, merci de répondre à ${tag}@example.test avant vendredi.`],
    );
    await query(
      `INSERT INTO payment.provider_event (id, provider, type, livemode, created_at, payload, received_at, processed_at)
       VALUES ($1, 'stripe', 'charge.refunded', false, $2, $3, $2, $2)`,
      [`evt_${tag}`, at, JSON.stringify({ data: { object: { billing_details: { email: `${tag}@example.test` } } } })],
    );
    return { accountId, paymentId };
  }

  const linksOf = async (accountId: string, tag: string) =>
    (await dataSource.query(
      `SELECT (SELECT count(*)::int FROM payment.payment WHERE created_by = $1 OR request->>'payerEmail' = $2)
            + (SELECT count(*)::int FROM payment.refund WHERE accountant_done_by = $1)
            + (SELECT count(*)::int FROM payment.invoice WHERE paid_recorded_by = $1)
            + (SELECT count(*)::int FROM payment.payment_flag WHERE resolved_by = $1)
            + (SELECT count(*)::int FROM payment.payment_flag_contact WHERE contacted_by = $1 OR message LIKE '%' || $2 || '%')
            + (SELECT count(*)::int FROM payment.provider_event WHERE payload::text LIKE '%' || $2 || '%') AS n`,
      [accountId, `${tag}@example.test`],
    )) as { n: number }[];

  it('anonymises exactly what is older than the period, keeps amounts and references, and runs once', async () => {
    const old = await recordsAt(before(10, 1), 'old');
    const young = await recordsAt(before(9), 'young');
    const registry = new Registry();
    const report = retentionReport(createLogger({ service: 'payment', level: 'silent' }), registry);

    // Two replicas at once: each row is claimed by one of them.
    const runs = await Promise.all([
      anonymiseOldAccountingRecords(dataSource, 10, report, NOW),
      anonymiseOldAccountingRecords(dataSource, 10, report, NOW),
    ]);
    const sum = (key: keyof (typeof runs)[number]) => runs.reduce((total, run) => total + run[key], 0);
    const kinds = ['payments', 'refunds', 'invoices', 'flags', 'payerContacts', 'providerEvents'] as const;
    expect(kinds.map((key) => sum(key))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(await linksOf(old.accountId, 'old')).toEqual([{ n: 0 }]);
    expect(await linksOf(young.accountId, 'young')).toEqual([{ n: 6 }]);
    expect(
      await dataSource.query(
        `SELECT p.amount_cents, p.status, r.accountant_reference, i.number, i.payment_reference
           FROM payment.payment p JOIN payment.refund r ON r.payment_id = p.id
           JOIN payment.invoice i ON i.number = 'FA-old' WHERE p.id = $1`,
        [old.paymentId],
      ),
    ).toEqual([
      {
        amount_cents: 4500,
        status: 'succeeded',
        accountant_reference: 'OP-old',
        number: 'FA-old',
        payment_reference: 'MANDAT-old',
      },
    ]);
    // The flag still shows when, and by which role, the payer was contacted.
    expect(
      await dataSource.query(
        `SELECT c.contacted_by_role AS role, c.message FROM payment.payment_flag_contact c
           JOIN payment.payment_flag f ON f.id = c.flag_id WHERE f.payment_id = $1`,
        [old.paymentId],
      ),
    ).toEqual([{ role: 'department_admin', message: '' }]);
    const counted = (await registry.getSingleMetric('retention_records_total')?.get())?.values ?? [];
    expect(counted.map((value) => [value.labels['kind'], value.labels['action'], value.value]).sort()).toEqual(
      [
        ['invoices', 'pseudonymised', 1],
        ['payer_contacts', 'pseudonymised', 1],
        ['payment_flags', 'pseudonymised', 1],
        ['payments', 'pseudonymised', 1],
        ['provider_events', 'deleted', 1],
        ['refunds', 'pseudonymised', 1],
      ].sort(),
    );

    // Idempotent: nothing is due any more.
    expect(await anonymiseOldAccountingRecords(dataSource, 10, report, NOW)).toEqual({
      payments: 0,
      refunds: 0,
      invoices: 0,
      flags: 0,
      payerContacts: 0,
      providerEvents: 0,
    });
    // The period is read from configuration: at 8 years the younger records are due too.
    expect((await anonymiseOldAccountingRecords(dataSource, 8, report, NOW)).payments).toBe(1);
    expect(await linksOf(young.accountId, 'young')).toEqual([{ n: 0 }]);
  });
});
