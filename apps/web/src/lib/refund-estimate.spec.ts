import { estimateRefund } from './refund-estimate';

// Thursday 5 November 2026, 19:00 Paris (CET): the booking service's own test case.
const paid = { status: 'confirmed' as const, startsAt: '2026-11-05T18:00:00Z', priceCents: 4000 };
const at = (iso: string) => new Date(iso);

describe('estimateRefund', () => {
  it('applies the default policy: 100 % up to 7 days before, 50 % up to 48 h, nothing after', () => {
    expect(estimateRefund(paid, null, at('2026-10-29T18:00:00Z'))).toEqual({
      unpaid: false,
      percent: 100,
      refundCents: 4000,
      explanation: 'Annulation au moins 7 jours avant le début\u00a0: remboursement de 100\u00a0%.',
    });
    expect(estimateRefund(paid, null, at('2026-10-29T18:00:00.001Z'))).toMatchObject({
      percent: 50,
      refundCents: 2000,
    });
    expect(estimateRefund(paid, null, at('2026-11-03T18:00:00Z'))).toMatchObject({ percent: 50 });
    expect(estimateRefund(paid, null, at('2026-11-03T18:00:01Z'))).toEqual({
      unpaid: false,
      percent: 0,
      refundCents: 0,
      explanation: 'Annulation tardive\u00a0: aucun remboursement.',
    });
  });

  it('counts days in Paris calendar days across the October clock change', () => {
    const afterChange = { ...paid, startsAt: '2026-10-29T18:00:00Z' }; // Thursday 29 October, 19:00 CET
    expect(estimateRefund(afterChange, null, at('2026-10-22T17:00:00Z')).percent).toBe(100); // Thursday 22, 19:00 CEST
    expect(estimateRefund(afterChange, null, at('2026-10-22T17:30:00Z')).percent).toBe(50);
  });

  it('picks the most generous tier met, whatever the order, and the late percentage otherwise', () => {
    const policy = {
      tiers: [
        { minNotice: { hours: 24 }, percent: 30 },
        { minNotice: { days: 14 }, percent: 100 },
        { minNotice: { days: 3 }, percent: 80 },
      ],
      latePercent: 10,
    };
    const big = { ...paid, priceCents: 10_001 };
    expect(estimateRefund(big, policy, at('2026-10-20T00:00:00Z'))).toMatchObject({
      percent: 100,
      refundCents: 10_001,
    });
    expect(estimateRefund(big, policy, at('2026-11-01T00:00:00Z'))).toMatchObject({ percent: 80, refundCents: 8000 });
    expect(estimateRefund(big, policy, at('2026-11-04T18:00:00Z'))).toMatchObject({ percent: 30, refundCents: 3000 });
    expect(estimateRefund(big, policy, at('2026-11-05T12:00:00Z'))).toEqual({
      unpaid: false,
      percent: 10,
      refundCents: 1000,
      explanation: 'Annulation tardive\u00a0: remboursement de 10\u00a0%.',
    });
  });

  it('says cancelling costs nothing when nothing was paid', () => {
    for (const status of ['requested', 'approved', 'awaiting_payment'] as const) {
      expect(estimateRefund({ ...paid, status }, null, at('2026-11-05T12:00:00Z'))).toMatchObject({
        unpaid: true,
        refundCents: 0,
      });
    }
    expect(estimateRefund({ ...paid, priceCents: 0 }, null, at('2026-10-01T12:00:00Z')).unpaid).toBe(true);
  });
});
