import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@salle/db';
import { createTestDatabase, type TestDatabase } from '@salle/testing';
import { paymentDatabase } from '../src/database';
import type { ChargeMovements, ProviderRefund, PaidCharge } from '../src/provider/payment-provider';
import { applicationFee, refundAmount } from '../src/refunds/refund-policy';
import { movementEntries, paidChargeEntries, type LedgerEntry } from '../src/ledger/ledger-entries';
import { checkBookingLedger } from '../src/ledger/ledger-invariants';
import { appendLedgerEntries } from '../src/ledger/ledger-store';
import { reconciliationReport } from '../src/ledger/reconciliation';

/**
 * A model of the provider for destination charges: the full gross is
 * transferred, the fee taken back; refunds reverse the transfer and return
 * the fee in proportion, rounded on the cumulative amount so that a full
 * refund returns exactly everything (what Stripe guarantees).
 */
function providerModel(gross: number, fee: number, processingFee: number, refunds: number[]) {
  const at = new Date('2026-12-01T18:00:00Z');
  const settlement: PaidCharge = {
    chargeId: `ch_${randomUUID()}`,
    paidAt: at,
    grossCents: gross,
    processingFeeCents: processingFee,
    applicationFee: fee > 0 ? { id: `fee_${randomUUID()}`, amountCents: fee } : null,
    transfer: {
      id: `tr_${randomUUID()}`,
      amountCents: gross,
      destinationAccountId: 'acct_model',
      destinationPaymentId: `py_${randomUUID()}`,
    },
  };
  const movements: ChargeMovements = {
    chargeId: settlement.chargeId,
    paymentReference: 'pi_model',
    grossCents: gross,
    refunds: [],
    transferReversals: [],
    applicationFeeRefunds: [],
  };
  let refunded = 0;
  let reversed = 0;
  let feeRefunded = 0;
  for (const amount of refunds) {
    refunded += amount;
    const refund: ProviderRefund = {
      id: `re_${randomUUID()}`,
      chargeId: settlement.chargeId,
      amountCents: amount,
      status: 'succeeded',
      createdAt: at,
      metadata: {},
    };
    movements.refunds.push(refund);
    const reversal = Math.round((refunded * gross) / gross) - reversed;
    reversed += reversal;
    if (reversal > 0)
      movements.transferReversals.push({ id: `trr_${randomUUID()}`, amountCents: reversal, createdAt: at });
    const feeRefund = Math.round((refunded * fee) / gross) - feeRefunded;
    feeRefunded += feeRefund;
    if (feeRefund > 0)
      movements.applicationFeeRefunds.push({ id: `fr_${randomUUID()}`, amountCents: feeRefund, createdAt: at });
  }
  return { settlement, movements };
}

/** A booking paid, then refunded by a series of cancellations or admin refunds, each a percentage of the price. */
const bookingHistory = fc
  .record({
    gross: fc.integer({ min: 50, max: 5_000_000 }),
    feeBasisPoints: fc.integer({ min: 0, max: 10_000 }),
    processingFee: fc.integer({ min: 0, max: 500 }),
    percents: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 5 }),
  })
  .map(({ gross, feeBasisPoints, processingFee, percents }) => {
    const fee = applicationFee(gross, feeBasisPoints);
    const refunds: number[] = [];
    let refunded = 0;
    for (const percent of percents) {
      const amount = refundAmount(gross, refunded, percent);
      if (amount > 0) {
        refunds.push(amount);
        refunded += amount;
      }
    }
    return { gross, fee, processingFee: Math.min(processingFee, gross), refunds };
  });

function ledgerOf(
  history: { gross: number; fee: number; processingFee: number; refunds: number[] },
  bookingId = randomUUID(),
): LedgerEntry[] {
  const { settlement, movements } = providerModel(history.gross, history.fee, history.processingFee, history.refunds);
  const context = { bookingId, paymentId: randomUUID(), establishmentId: randomUUID() };
  return [...paidChargeEntries(context, settlement), ...movementEntries(context, 'acct_model', movements)];
}

describe('ledger invariants (property-based)', () => {
  it('holds for any price, fee and series of refunds: gross = collège share + département fee, shares proportional', () => {
    fc.assert(
      fc.property(bookingHistory, (history) => {
        const summary = checkBookingLedger(ledgerOf(history));
        const refunded = history.refunds.reduce((sum, amount) => sum + amount, 0);
        expect(summary.issues).toEqual([]);
        expect(summary.grossCents).toBe(history.gross);
        expect(summary.refundedCents).toBe(refunded);
        expect(summary.establishmentShareCents + summary.departmentShareCents).toBe(history.gross - refunded);
        expect(summary.establishmentShareCents).toBeGreaterThanOrEqual(0);
        expect(summary.departmentShareCents).toBeGreaterThanOrEqual(0);
        const proportional = ((history.gross - history.fee) * (history.gross - refunded)) / history.gross;
        expect(Math.abs(summary.establishmentShareCents - proportional)).toBeLessThanOrEqual(0.5);
        if (refunded === history.gross) {
          expect(summary.establishmentShareCents).toBe(0);
          expect(summary.departmentShareCents).toBe(0);
        }
        if (refunded === 0) {
          expect(summary.establishmentShareCents).toBe(history.gross - history.fee);
          expect(summary.departmentShareCents).toBe(history.fee);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('detects a missing or altered movement', () => {
    const corrupted = bookingHistory.chain((history) => {
      const entries = ledgerOf(history);
      const candidates = entries
        .map((entry, index) => ({ entry, index }))
        .filter(({ entry }) => !['processing_fee', 'dispute', 'payout'].includes(entry.entryType));
      return fc.record({
        entries: fc.constant(entries),
        target: fc.constantFrom(...candidates.map(({ index }) => index)),
        delta: fc.oneof(
          fc.constant(null),
          fc.integer({ min: -1_000, max: 1_000 }).filter((d) => d !== 0),
        ),
      });
    });
    fc.assert(
      fc.property(corrupted, ({ entries, target, delta }) => {
        const changed =
          delta === null
            ? entries.filter((_, index) => index !== target)
            : entries.map((entry, index) =>
                index === target ? { ...entry, amountCents: entry.amountCents + delta } : entry,
              );
        expect(checkBookingLedger(changed).issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('never refunds more than was paid nor more than the policy, whatever the sequence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 8 }),
        (paid, percents) => {
          let refunded = 0;
          for (const percent of percents) {
            const amount = refundAmount(paid, refunded, percent);
            expect(amount).toBeGreaterThanOrEqual(0);
            expect(amount).toBeLessThanOrEqual(paid - refunded);
            expect(amount).toBeLessThanOrEqual((paid * percent) / 100);
            refunded += amount;
          }
          expect(refunded).toBeLessThanOrEqual(paid);
          expect(refundAmount(paid, 0, 100)).toBe(paid);
        },
      ),
    );
    expect(() => refundAmount(100, 0, 101)).toThrow(RangeError);
    expect(() => refundAmount(100, 0, 12.5)).toThrow(RangeError);
  });

  it('takes a département fee that never exceeds its rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (price, basisPoints) => {
          const fee = applicationFee(price, basisPoints);
          expect(Number.isInteger(fee)).toBe(true);
          expect(fee).toBeGreaterThanOrEqual(0);
          expect(fee * 10_000).toBeLessThanOrEqual(price * basisPoints);
          expect(price - fee).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  describe('in PostgreSQL', () => {
    let database: TestDatabase;
    let dataSource: DataSource;

    beforeAll(async () => {
      database = await createTestDatabase('pay-ledger-prop');
      dataSource = createDataSource({ ...paymentDatabase, url: database.url });
      await dataSource.initialize();
      await migrate(dataSource);
    });
    afterAll(async () => {
      await dataSource?.destroy();
      await database?.drop();
    });

    it('records each movement once however often it is appended, and reconciles', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(bookingHistory, { minLength: 1, maxLength: 4 }),
          fc.integer({ min: 1, max: 3 }),
          async (histories, replays) => {
            const ledgers = histories.map((history) => ledgerOf(history));
            for (let replay = 0; replay < replays; replay++) {
              for (const entries of ledgers)
                await dataSource.transaction((manager) => appendLedgerEntries(manager, entries));
            }
            const ids = ledgers.map((entries) => entries[0]?.bookingId);
            const [{ count }] = (await dataSource.query(
              `SELECT count(*)::int AS count FROM payment.ledger_entry WHERE booking_id = ANY($1)`,
              [ids],
            )) as { count: number }[];
            expect(count).toBe(ledgers.reduce((sum, entries) => sum + entries.length, 0));
            const report = await reconciliationReport(dataSource);
            for (const id of ids)
              expect(report.bookings.find((booking) => booking.bookingId === id)?.issues).toEqual([]);
          },
        ),
        { numRuns: 25 },
      );
    });
  });
});
