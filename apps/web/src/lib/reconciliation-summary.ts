import type { ReconciliationReport } from '@salle/contracts';

/**
 * One collège's line of the reconciliation: the money of its bookings and of its series' period payments (one
 * payment for several sessions) added up, and what does not add up.
 */
export interface CollegeReconciliation {
  establishmentId: string;
  bookings: number;
  /** Payments of a series' period. */
  periods: number;
  grossCents: number;
  refundedCents: number;
  establishmentShareCents: number;
  /** Bookings whose ledger does not add up. */
  bookingsWithIssues: number;
  /** Period payments whose ledger, charge or sessions do not agree. */
  periodsWithIssues: number;
  payouts: number;
  /** Payouts whose items do not match the ledger. */
  payoutsWithIssues: number;
}

function emptyLine(establishmentId: string): CollegeReconciliation {
  return {
    establishmentId,
    bookings: 0,
    periods: 0,
    grossCents: 0,
    refundedCents: 0,
    establishmentShareCents: 0,
    bookingsWithIssues: 0,
    periodsWithIssues: 0,
    payouts: 0,
    payoutsWithIssues: 0,
  };
}

/**
 * The reconciliation report per collège (every collège named in its bookings or payouts), sorted by `sortKey`
 * (the collège's name, say). The suspense account belongs to no collège and is left to its own table.
 */
export function reconciliationByCollege(
  report: ReconciliationReport,
  sortKey: (establishmentId: string) => string = (id) => id,
): CollegeReconciliation[] {
  const lines = new Map<string, CollegeReconciliation>();
  const line = (id: string) => {
    const current = lines.get(id) ?? emptyLine(id);
    lines.set(id, current);
    return current;
  };
  for (const booking of report.bookings) {
    const current = line(booking.establishmentId);
    current.bookings += 1;
    addMoney(current, booking);
    if (booking.issues.length > 0) current.bookingsWithIssues += 1;
  }
  for (const period of report.periods) {
    const current = line(period.establishmentId);
    current.periods += 1;
    addMoney(current, period);
    if (period.issues.length > 0) current.periodsWithIssues += 1;
  }
  for (const payout of report.payouts) {
    const current = line(payout.establishmentId);
    current.payouts += 1;
    if (payout.issues.length > 0) current.payoutsWithIssues += 1;
  }
  return [...lines.values()].sort((a, b) => sortKey(a.establishmentId).localeCompare(sortKey(b.establishmentId), 'fr'));
}

function addMoney(
  line: CollegeReconciliation,
  money: Pick<CollegeReconciliation, 'grossCents' | 'refundedCents' | 'establishmentShareCents'>,
): void {
  line.grossCents += money.grossCents;
  line.refundedCents += money.refundedCents;
  line.establishmentShareCents += money.establishmentShareCents;
}

/** How many of a collège's lines do not add up. */
export function collegeGaps(line: CollegeReconciliation): number {
  return line.bookingsWithIssues + line.periodsWithIssues + line.payoutsWithIssues;
}

/** Whether a collège's line adds up. */
export function collegeBalanced(line: CollegeReconciliation): boolean {
  return collegeGaps(line) === 0;
}
