const DAY = 86_400_000;
/** The convention must be signed at least this long before the session, so that the collège can still decide. */
export const SIGNING_MARGIN_BEFORE_SESSION_MS = 48 * 3_600_000;

/**
 * When a booking paid before its convention is fully signed (CONVENTION_SIGNING=after_payment) must be signed:
 * `dueDays` days after the payment, and never later than 48 hours before its session. A payment landing inside
 * those 48 hours is due at once: the deadline is never before the payment itself.
 */
export function conventionSigningDueAt(paidAt: Date, sessionStartsAt: Date, dueDays: number): Date {
  const afterPayment = paidAt.getTime() + dueDays * DAY;
  const beforeSession = sessionStartsAt.getTime() - SIGNING_MARGIN_BEFORE_SESSION_MS;
  return new Date(Math.max(paidAt.getTime(), Math.min(afterPayment, beforeSession)));
}
