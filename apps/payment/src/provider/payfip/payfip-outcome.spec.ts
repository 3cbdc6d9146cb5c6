import type { PayfipPaymentResult } from './payfip-client';
import { payfipOutcome } from './payfip-outcome';

const expected = { amountCents: 4500, refdet: 'SSD0123456789', numcli: '123456' };
const paid: PayfipPaymentResult = {
  idOp: 'cc0cb210-1cd4-11ea-8cca-0213ad91a103',
  result: 'P',
  amountCents: 4500,
  refdet: 'SSD0123456789',
  numcli: '123456',
  numauto: '112233445566-tip',
  saisie: 'T',
  at: new Date('2026-03-14T12:11:00Z'),
};

describe('payfipOutcome', () => {
  it('maps P5 to pending and P1 to expired', () => {
    expect(payfipOutcome({ kind: 'not-known-yet' }, expected)).toEqual({ status: 'pending' });
    expect(payfipOutcome({ kind: 'unknown-idop' }, expected)).toEqual({ status: 'expired' });
  });

  it('counts card (P) and debit (V) as paid when the amount is the one asked', () => {
    expect(payfipOutcome({ kind: 'known', payment: paid }, expected).status).toBe('paid');
    expect(payfipOutcome({ kind: 'known', payment: { ...paid, result: 'V' } }, expected).status).toBe('paid');
  });

  it('flags a paid amount that differs from the one asked', () => {
    const outcome = payfipOutcome({ kind: 'known', payment: { ...paid, amountCents: 450 } }, expected);
    expect(outcome).toEqual({ status: 'amount_mismatch', payment: { ...paid, amountCents: 450 } });
  });

  it('refuses to settle an answer about another debt or creditor', () => {
    expect(payfipOutcome({ kind: 'known', payment: { ...paid, refdet: 'OTHER123' } }, expected).status).toBe('foreign');
    expect(payfipOutcome({ kind: 'known', payment: { ...paid, numcli: '654321' } }, expected).status).toBe('foreign');
  });

  it('names why a payment failed', () => {
    const reasons = (['R', 'Z', 'A'] as const).map((result) => {
      const outcome = payfipOutcome({ kind: 'known', payment: { ...paid, result } }, expected);
      return outcome.status === 'failed' ? outcome.reason : outcome.status;
    });
    expect(reasons).toEqual(['card_refused', 'debit_refused', 'abandoned']);
  });
});
