import type { ReconciliationReport } from '@salle/contracts';
import { collegeBalanced, reconciliationByCollege } from './reconciliation-summary';

const alpha = '00000000-0000-4000-8000-00000000000a';
const beta = '00000000-0000-4000-8000-00000000000b';
const money = {
  grossCents: 3200,
  refundedCents: 0,
  establishmentShareCents: 3000,
  departmentShareCents: 200,
  processingFeeCents: 50,
  disputedCents: 0,
};
const booking = (n: number, establishmentId: string, issues: string[] = []) => ({
  bookingId: `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`,
  establishmentId,
  ...money,
  issues,
});

describe('reconciliationByCollege', () => {
  const report: ReconciliationReport = {
    ok: false,
    bookings: [
      booking(1, beta),
      { ...booking(2, beta), refundedCents: 1600 },
      booking(3, alpha, ['refunds (4000) exceed the gross (3200)']),
    ],
    periods: [
      {
        paymentId: '00000000-0000-4000-8000-000000000301',
        seriesId: '00000000-0000-4000-8000-000000000401',
        periodKey: '2026-T2',
        establishmentId: alpha,
        provider: 'stripe',
        amountCents: 3200,
        bookingIds: [],
        ...money,
        issues: ["the sessions' shares add up to 0, not the payment's amount (3200)"],
      },
    ],
    suspense: [{ paymentId: beta, bookingId: null, ...money, issues: [] }],
    payouts: [
      { payoutId: 'po_1', establishmentId: beta, amountCents: 6000, itemsCents: 6000, issues: [] },
      { payoutId: 'po_2', establishmentId: beta, amountCents: 100, itemsCents: 0, issues: ['items add up to 0'] },
    ],
  };
  const names: Record<string, string> = { [alpha]: 'Collège Ampère', [beta]: 'Collège Berlioz' };

  it('adds up each collège’s bookings, period payments and payouts, sorted by name, the suspense account left out', () => {
    expect(reconciliationByCollege(report, (id) => names[id] ?? id)).toEqual([
      {
        establishmentId: alpha,
        bookings: 1,
        periods: 1,
        grossCents: 6400,
        refundedCents: 0,
        establishmentShareCents: 6000,
        bookingsWithIssues: 1,
        periodsWithIssues: 1,
        payouts: 0,
        payoutsWithIssues: 0,
      },
      {
        establishmentId: beta,
        bookings: 2,
        periods: 0,
        grossCents: 6400,
        refundedCents: 1600,
        establishmentShareCents: 6000,
        bookingsWithIssues: 0,
        periodsWithIssues: 0,
        payouts: 2,
        payoutsWithIssues: 1,
      },
    ]);
  });

  it('calls a collège balanced only when no booking, period payment or payout has an issue', () => {
    const [ampere, berlioz] = reconciliationByCollege(report, (id) => names[id] ?? id);
    expect(ampere && collegeBalanced(ampere)).toBe(false);
    expect(berlioz && collegeBalanced(berlioz)).toBe(false);
    const clean = reconciliationByCollege({ ...report, bookings: [booking(1, beta)], periods: [], payouts: [] });
    expect(clean.map(collegeBalanced)).toEqual([true]);
    const periodGap = reconciliationByCollege({ ...report, bookings: [booking(1, alpha)], payouts: [] });
    expect(periodGap.map(collegeBalanced)).toEqual([false]);
  });
});
