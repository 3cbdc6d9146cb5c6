import { paymentAwaitsSignatures } from './payment-gate';

describe('paymentAwaitsSignatures', () => {
  const approved = { status: 'approved', priceCents: 4500, invoiced: false } as const;

  it('holds the payment of an approved priced booking until its convention is signed, before payment', () => {
    expect(paymentAwaitsSignatures('before_payment', approved, false)).toBe(true);
    expect(paymentAwaitsSignatures('before_payment', approved, true)).toBe(false);
  });

  it('never holds it when signing comes after payment or is off', () => {
    expect(paymentAwaitsSignatures('after_payment', approved, false)).toBe(false);
    expect(paymentAwaitsSignatures('off', approved, false)).toBe(false);
  });

  it('has nothing to hold for a free or invoiced booking, or one past approval', () => {
    expect(paymentAwaitsSignatures('before_payment', { ...approved, priceCents: 0 }, false)).toBe(false);
    expect(paymentAwaitsSignatures('before_payment', { ...approved, invoiced: true }, false)).toBe(false);
    expect(paymentAwaitsSignatures('before_payment', { ...approved, status: 'awaiting_payment' }, false)).toBe(false);
    expect(paymentAwaitsSignatures('before_payment', { ...approved, status: 'cancelled' }, false)).toBe(false);
  });
});
