import { paidChargeEntries } from './ledger-entries';
import { checkPeriodPayment, type PeriodSession } from './period-invariants';

const context = { bookingId: null, paymentId: 'pay-1', establishmentId: 'college-1' };
const paidAt = new Date('2026-09-01T10:00:00Z');

/** A Stripe destination charge of `gross` with a 10 % fee, as the settlement writes it for a period payment. */
const stripeEntries = (gross: number) =>
  paidChargeEntries(context, {
    chargeId: 'ch_1',
    paidAt,
    grossCents: gross,
    processingFeeCents: 0,
    applicationFee: { id: 'fee_1', amountCents: gross / 10 },
    transfer: { id: 'tr_1', amountCents: gross, destinationAccountId: 'acct_1', destinationPaymentId: 'py_1' },
  });

const session = (bookingId: string, amountCents: number, extra: Partial<PeriodSession> = {}): PeriodSession => ({
  bookingId,
  amountCents,
  payableStatus: 'paid',
  refundedCents: 0,
  refundOwedCents: 0,
  alsoPaidBy: [],
  ...extra,
});

describe('checkPeriodPayment', () => {
  const payment = { status: 'succeeded' as const, amountCents: 6_000, chargeId: 'ch_1' };

  it('passes a period whose ledger, charge and sessions agree', () => {
    const summary = checkPeriodPayment(payment, [session('b1', 3_000), session('b2', 3_000)], stripeEntries(6_000));
    expect(summary).toMatchObject({ grossCents: 6_000, establishmentShareCents: 5_400, departmentShareCents: 600 });
    expect(summary.issues).toEqual([]);
  });

  it('passes a session cancelled after payment, and one paid alone whose period share goes back', () => {
    const sessions = [
      session('b1', 3_000, { payableStatus: 'cancelled', refundedCents: 1_500, refundOwedCents: 1_500 }),
      session('b2', 3_000, { alsoPaidBy: ['pay-2'], refundOwedCents: 3_000 }),
    ];
    expect(checkPeriodPayment(payment, sessions, stripeEntries(6_000)).issues).toEqual([]);
  });

  it('reports a session still awaiting payment, paid twice, or refunded beyond its share', () => {
    const sessions = [
      session('b1', 2_000, { payableStatus: 'payable' }),
      session('b2', 2_000, { alsoPaidBy: ['pay-2'] }),
      session('b3', 2_000, { refundedCents: 2_500, refundOwedCents: 2_500 }),
    ];
    expect(checkPeriodPayment(payment, sessions, stripeEntries(6_000)).issues).toEqual([
      'session b1 was paid with its period but still awaits payment',
      'session b2 is also paid by payment pay-2, and neither share goes back',
      'session b3: refunds (2500) exceed its share (2000)',
    ]);
  });

  it('reports a ledger that is not the provider’s record of the payment', () => {
    const issues = checkPeriodPayment(
      { ...payment, chargeId: 'ch_2' },
      [session('b1', 6_000)],
      stripeEntries(5_000),
    ).issues;
    expect(issues).toEqual([
      "the provider's charge ch_2 is not in the ledger",
      "charge ch_1 in the ledger is not the payment's (ch_2)",
      "the ledger's gross (5000) differs from the payment's amount (6000)",
    ]);
  });

  it('reports sessions whose shares do not add up to the amount, and a ledger that does not add up', () => {
    const entries = stripeEntries(6_000).filter(
      (entry) => !(entry.entryType === 'transfer' && entry.party === 'platform'),
    );
    const issues = checkPeriodPayment(payment, [session('b1', 3_000)], entries).issues;
    expect(issues).toContain('the collège received 6000 but the platform sent 0');
    expect(issues).toContain("the sessions' shares add up to 3000, not the payment's amount (6000)");
  });

  it('checks a rejected payment’s ledger and charge, not its sessions (nothing was accepted)', () => {
    const rejected = { status: 'rejected' as const, amountCents: 6_000, chargeId: 'ch_1' };
    expect(
      checkPeriodPayment(rejected, [session('b1', 6_000, { payableStatus: 'payable' })], stripeEntries(5_000)).issues,
    ).toEqual([]);
  });
});
