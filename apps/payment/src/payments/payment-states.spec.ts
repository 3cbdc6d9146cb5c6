import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PAYABLE_STATUSES, PAYMENT_STATUSES, REFUND_STATUSES, type PaymentStatus } from '@salle/contracts';
import { sqlTextList } from '@salle/db';
import {
  awaitingPaymentStatuses,
  collectedPaymentStatuses,
  endedUnpaidPaymentStatuses,
  finalPaymentStatuses,
  finalRefundStatuses,
  inProgressPaymentStatuses,
  initialPaymentStatuses,
  initialRefundStatuses,
  livePaymentStatuses,
  payableTransitions,
  paymentMayBecome,
  paymentTransitions,
  refundTransitions,
  unsettledRefundStatuses,
} from './payment-states';
import { finalStatusesOf, mayMove, reachableFrom, sourcesOf } from './state-machine';
import { providerSetsPaymentStatus } from '../audit/system-entries';

const SOURCE_ROOT = join(__dirname, '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * Every SQL template of the service's code that sets `table`'s status, with the status it sets; for payments, also
 * the statements `providerSetsPaymentStatus` builds (the status it is called with, and the statement it returns).
 */
function statusUpdates(table: string): { file: string; target: string; statement: string }[] {
  const pattern = new RegExp(`\`UPDATE ${table.replace('.', '\\.')} SET status = ([^,\\s]+)[^\`]*\``, 'g');
  const built = /providerSetsPaymentStatus\('([a-z_]+)'/g;
  return sourceFiles(SOURCE_ROOT).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const found = (target: string, statement: string) => ({
      file: file.slice(SOURCE_ROOT.length + 1),
      target,
      statement,
    });
    return [
      ...[...text.matchAll(pattern)].map((match) => found(match[1] ?? '', match[0])),
      ...(table === 'payment.payment'
        ? [...text.matchAll(built)].map((match) =>
            found(`'${match[1]}'`, providerSetsPaymentStatus(match[1] as PaymentStatus)),
          )
        : []),
    ];
  });
}

describe('the payment state machine', () => {
  it('has every status of the contracts, each reachable from where payments are recorded', () => {
    expect(Object.keys(paymentTransitions).sort()).toEqual([...PAYMENT_STATUSES].sort());
    expect([...reachableFrom(paymentTransitions, initialPaymentStatuses)].sort()).toEqual([...PAYMENT_STATUSES].sort());
  });

  it('ends in accepted or rejected money, which nothing moves any more', () => {
    expect(finalPaymentStatuses).toEqual(['succeeded', 'rejected']);
    for (const status of finalPaymentStatuses) expect(paymentTransitions[status]).toEqual([]);
    expect(collectedPaymentStatuses).toEqual(finalPaymentStatuses);
  });

  it('names the sets the queries use', () => {
    expect(inProgressPaymentStatuses).toEqual(['creating', 'open', 'processing']);
    expect(livePaymentStatuses).toEqual(['creating', 'open', 'processing', 'succeeded']);
    expect(awaitingPaymentStatuses).toEqual(['creating', 'open']);
    expect(endedUnpaidPaymentStatuses).toEqual(['failed', 'expired', 'abandoned']);
  });

  it('moves forward only: no status is reachable again once left', () => {
    for (const status of PAYMENT_STATUSES) {
      const onwards = reachableFrom(paymentTransitions, paymentTransitions[status]);
      expect(onwards.has(status)).toBe(false);
    }
  });

  it('allows the moves the settlement and the checkout desk make', () => {
    const performed: [string, string][] = [
      ['creating', 'open'], // the provider created the checkout
      ['open', 'processing'], // a debit started
      ['creating', 'abandoned'], // the provider refused to create it
      ['open', 'expired'],
      ['processing', 'failed'],
      ['processing', 'succeeded'],
      ['open', 'succeeded'],
      ['expired', 'rejected'], // paid after its hold ended: a late payment
      ['abandoned', 'rejected'], // money on a checkout this service did not create
    ];
    for (const [from, to] of performed) {
      expect([from, to, mayMove(paymentTransitions, from as never, to as never)]).toEqual([from, to, true]);
    }
    expect(mayMove(paymentTransitions, 'succeeded', 'failed')).toBe(false);
    expect(mayMove(paymentTransitions, 'processing', 'expired')).toBe(false);
  });

  it('guards every status UPDATE of the code with the statuses the table lets move there', () => {
    const updates = statusUpdates('payment.payment');
    expect(updates.map((update) => update.target).sort()).toEqual(
      ["'abandoned'", "'expired'", "'failed'", "'open'", "'processing'", "'rejected'", "'succeeded'"].sort(),
    );
    for (const { file, target, statement } of updates) {
      // A template names the guard; a statement `providerSetsPaymentStatus` built holds it expanded.
      const guarded =
        statement.includes(`AND status IN (\${paymentMayBecome(${target})})`) ||
        statement.includes(`AND c.status IN (${paymentMayBecome(target.slice(1, -1) as PaymentStatus)})`);
      expect([file, guarded]).toEqual([file, true]);
    }
  });

  it('keeps the partial indexes of the first migration on the same sets the queries use', () => {
    const migration = readFileSync(
      join(SOURCE_ROOT, 'database/migrations/1764100000000-create-payment-tables.ts'),
      'utf8',
    );
    expect(migration).toContain(
      `payment_live_per_booking ON payment.payment (booking_id) WHERE status IN (${sqlTextList(livePaymentStatuses)})`,
    );
    expect(migration).toContain(
      `payment_open_expiry ON payment.payment (expires_at) WHERE status IN (${sqlTextList(inProgressPaymentStatuses)})`,
    );
    const periods = readFileSync(join(SOURCE_ROOT, 'database/migrations/1799300000000-period-payments.ts'), 'utf8');
    expect(periods).toContain(
      `payment_live_per_period ON payment.payment (series_id, period_key) WHERE series_id IS NOT NULL AND status IN (${sqlTextList(livePaymentStatuses)})`,
    );
  });
});

describe('the refund state machine', () => {
  it('has every status, each reachable, and ends in succeeded or failed', () => {
    expect(Object.keys(refundTransitions).sort()).toEqual([...REFUND_STATUSES].sort());
    expect([...reachableFrom(refundTransitions, initialRefundStatuses)].sort()).toEqual([...REFUND_STATUSES].sort());
    expect(finalRefundStatuses).toEqual(['succeeded', 'failed']);
    expect(unsettledRefundStatuses).toEqual(['requested', 'pending']);
    expect(sourcesOf(refundTransitions, 'failed')).toEqual(['requested', 'pending']);
  });
});

describe('the payable booking state machine', () => {
  it('has every status, each reachable from payable, and a cancellation ends any of them', () => {
    expect(Object.keys(payableTransitions).sort()).toEqual([...PAYABLE_STATUSES].sort());
    expect([...reachableFrom(payableTransitions, ['payable'])].sort()).toEqual([...PAYABLE_STATUSES].sort());
    expect(finalStatusesOf(payableTransitions)).toEqual(['cancelled']);
    expect(sourcesOf(payableTransitions, 'cancelled')).toEqual(['payable', 'paid', 'expired']);
  });

  it('guards every status UPDATE of the code with the statuses the table lets move there', () => {
    const updates = statusUpdates('payment.payable_booking');
    expect(updates.map((update) => update.target).sort()).toEqual(["'cancelled'", "'expired'", "'paid'"]);
    for (const { file, target, statement } of updates) {
      expect([file, statement.includes(`AND status IN (\${payableMayBecome(${target})})`)]).toEqual([file, true]);
    }
  });
});
