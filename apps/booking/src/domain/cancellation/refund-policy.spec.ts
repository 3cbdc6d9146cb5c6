import fc from 'fast-check';
import {
  cancellationRefundPercent,
  DEFAULT_CANCELLATION_POLICY,
  refundFor,
  validateCancellationPolicy,
  type CancellationPolicy,
} from './refund-policy';

// Thursday 5 November 2026, 19:00 Paris (CET).
const startsAt = new Date('2026-11-05T18:00:00Z');
const at = (iso: string) => new Date(iso);
const byOrganisation = (cancelledAt: Date, amount = 4000) =>
  refundFor(DEFAULT_CANCELLATION_POLICY, 'organisation', cancelledAt, startsAt, amount);

describe('refundFor with the default policy', () => {
  it('refunds in full at exactly 7 days before, and half one millisecond later', () => {
    expect(byOrganisation(at('2026-10-29T18:00:00Z'))).toEqual({
      percent: 100,
      refundCents: 4000,
      basis: 'tier',
      tierIndex: 0,
      explanation: 'Annulation au moins 7 jours avant le début\u00a0: remboursement de 100 %.',
    });
    expect(byOrganisation(at('2026-10-29T18:00:00.001Z'))).toMatchObject({
      percent: 50,
      refundCents: 2000,
      tierIndex: 1,
    });
  });

  it('refunds half at exactly 48 hours before, and nothing one millisecond later or after the start', () => {
    expect(byOrganisation(at('2026-11-03T18:00:00Z'))).toMatchObject({ percent: 50, refundCents: 2000 });
    expect(byOrganisation(at('2026-11-03T18:00:00.001Z'))).toEqual({
      percent: 0,
      refundCents: 0,
      basis: 'late',
      tierIndex: null,
      explanation: 'Annulation tardive\u00a0: aucun remboursement.',
    });
    expect(byOrganisation(at('2026-11-05T19:00:00Z'))).toMatchObject({ percent: 0, basis: 'late' });
  });

  it('counts the 7 days in Paris calendar days across the October DST change', () => {
    // Thursday 29 October 2026 19:00 CET; 7 days earlier is Thursday 22 October 19:00 CEST = 17:00Z (168 h + 1 h before).
    const afterChange = new Date('2026-10-29T18:00:00Z');
    const refund = (iso: string) =>
      refundFor(DEFAULT_CANCELLATION_POLICY, 'organisation', at(iso), afterChange, 1000).percent;
    expect(refund('2026-10-22T17:00:00Z')).toBe(100);
    expect(refund('2026-10-22T17:30:00Z')).toBe(50); // 168.5 elapsed hours before, but after 19:00 local a week before
  });

  it('always refunds in full when the establishment cancels, even after the start', () => {
    expect(refundFor(DEFAULT_CANCELLATION_POLICY, 'establishment', at('2026-11-05T18:30:00Z'), startsAt, 4001)).toEqual(
      {
        percent: 100,
        refundCents: 4001,
        basis: 'establishment',
        tierIndex: null,
        explanation: 'Annulation par l’établissement\u00a0: remboursement intégral.',
      },
    );
  });

  it('rounds the refund down to the cent', () => {
    expect(byOrganisation(at('2026-11-02T12:00:00Z'), 4001).refundCents).toBe(2000);
    expect(byOrganisation(at('2026-11-02T12:00:00Z'), 1).refundCents).toBe(0);
    expect(() => byOrganisation(at('2026-11-02T12:00:00Z'), 10.5)).toThrow(RangeError);
  });
});

describe('refundFor with a configured policy', () => {
  it('applies the most generous tier met, whatever the order they are listed in', () => {
    const policy: CancellationPolicy = {
      tiers: [
        { minNotice: { hours: 24 }, percent: 30 },
        { minNotice: { days: 14 }, percent: 100 },
        { minNotice: { days: 3 }, percent: 80 },
      ],
      latePercent: 10,
    };
    const refund = (iso: string) => refundFor(policy, 'organisation', at(iso), startsAt, 10_000);
    expect(refund('2026-10-20T00:00:00Z')).toMatchObject({ percent: 100, tierIndex: 1 });
    expect(refund('2026-11-01T00:00:00Z')).toMatchObject({ percent: 80, tierIndex: 2 });
    expect(refund('2026-11-04T18:00:00Z')).toMatchObject({ percent: 30, tierIndex: 0 });
    expect(refund('2026-11-05T12:00:00Z')).toMatchObject({
      percent: 10,
      refundCents: 1000,
      basis: 'late',
      explanation: 'Annulation tardive\u00a0: remboursement de 10 %.',
    });
  });

  it('property: the refund is an integer between 0 and the amount, and never shrinks when cancelling earlier', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: -48, max: 24 * 30 }),
        fc.integer({ min: 0, max: 24 * 10 }),
        (amount, hoursBefore, earlier) => {
          const late = refundFor(
            DEFAULT_CANCELLATION_POLICY,
            'organisation',
            new Date(startsAt.getTime() - hoursBefore * 3_600_000),
            startsAt,
            amount,
          );
          const early = refundFor(
            DEFAULT_CANCELLATION_POLICY,
            'organisation',
            new Date(startsAt.getTime() - (hoursBefore + earlier) * 3_600_000),
            startsAt,
            amount,
          );
          expect(Number.isInteger(late.refundCents)).toBe(true);
          expect(late.refundCents).toBeGreaterThanOrEqual(0);
          expect(late.refundCents).toBeLessThanOrEqual(amount);
          expect(early.refundCents).toBeGreaterThanOrEqual(late.refundCents);
        },
      ),
    );
  });

  it('validates policies', () => {
    expect(validateCancellationPolicy(DEFAULT_CANCELLATION_POLICY)).toEqual([]);
    expect(
      validateCancellationPolicy({
        tiers: [
          { minNotice: {}, percent: 120 },
          { minNotice: { days: 1.5 }, percent: 50 },
        ],
        latePercent: -1,
      }).map((problem) => problem.path),
    ).toEqual(['tiers.0.percent', 'tiers.0.minNotice', 'tiers.1.minNotice', 'latePercent']);
  });
});

describe('cancellationRefundPercent', () => {
  const late = at('2026-11-05T10:00:00Z');
  const cancel = (wasConfirmed: boolean, priceCents = 4000) =>
    cancellationRefundPercent(
      DEFAULT_CANCELLATION_POLICY,
      { cancelledBy: 'organisation', cancelledAt: late, wasConfirmed },
      { startsAt, priceCents },
    );

  it('applies the policy to a confirmed booking only', () => {
    expect(cancel(true)).toBe(0);
  });

  it('gives back in full whatever was paid for a booking cancelled before its confirmation, even late', () => {
    expect(cancel(false)).toBe(100);
  });

  it('refunds nothing on a free booking', () => {
    expect(cancel(false, 0)).toBe(0);
    expect(cancel(true, 0)).toBe(0);
  });
});
