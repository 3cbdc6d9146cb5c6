import type { BookingCanceller } from '@salle/contracts';
import { DateTime } from 'luxon';
import { PARIS_TIME_ZONE } from '../time/paris-time';

/**
 * "Cancelled at least `minNotice` before the start: refund `percent` %."
 * Days are calendar days in Europe/Paris (7 days before Thursday 19:00 is
 * the previous Thursday 19:00, even across a DST change); hours are elapsed
 * hours.
 */
export interface RefundTier {
  minNotice: { days?: number; hours?: number };
  /** Integer from 0 to 100. */
  percent: number;
}

export interface CancellationPolicy {
  tiers: readonly RefundTier[];
  /** Refund when no tier applies (cancelled late or after the start); default 0. */
  latePercent?: number;
}

/** 100 % at least 7 days before, 50 % at least 48 h before, nothing after. */
export const DEFAULT_CANCELLATION_POLICY: CancellationPolicy = {
  tiers: [
    { minNotice: { days: 7 }, percent: 100 },
    { minNotice: { hours: 48 }, percent: 50 },
  ],
  latePercent: 0,
};

export type CancelledBy = BookingCanceller;

export interface Refund {
  percent: number;
  /** `floor(amount × percent / 100)`: never more than the exact share, the full amount at 100 %. */
  refundCents: number;
  /** `establishment`: always in full; `tier`: the tier at `tierIndex` applied; `late`: no tier applied. */
  basis: 'establishment' | 'tier' | 'late';
  tierIndex: number | null;
  /** French, for the cancellation confirmation. */
  explanation: string;
}

/**
 * What the organisation gets back when a paid booking is cancelled. A
 * cancellation by the establishment (or by the département on its behalf)
 * is always refunded in full. Otherwise every tier whose deadline the
 * cancellation meets (at or before `startsAt - minNotice`, the boundary
 * instant included) is a candidate and the most generous one applies, so a
 * policy listed in any order behaves as the manager expects.
 */
export function refundFor(
  policy: CancellationPolicy,
  cancelledBy: CancelledBy,
  cancelledAt: Date,
  startsAt: Date,
  amountCents: number,
): Refund {
  if (!Number.isInteger(amountCents) || amountCents < 0)
    throw new RangeError('amountCents must be a non-negative integer');
  const cents = (percent: number) => Math.floor((amountCents * percent) / 100);
  if (cancelledBy === 'establishment') {
    return {
      percent: 100,
      refundCents: amountCents,
      basis: 'establishment',
      tierIndex: null,
      explanation: 'Annulation par l’établissement\u00a0: remboursement intégral.',
    };
  }
  const start = DateTime.fromJSDate(startsAt, { zone: PARIS_TIME_ZONE });
  let chosen: { index: number; tier: RefundTier } | null = null;
  for (const [index, tier] of policy.tiers.entries()) {
    const deadline = start.minus({ days: tier.minNotice.days ?? 0 }).minus({ hours: tier.minNotice.hours ?? 0 });
    if (cancelledAt.getTime() <= deadline.toMillis() && (!chosen || tier.percent > chosen.tier.percent))
      chosen = { index, tier };
  }
  if (chosen) {
    return {
      percent: chosen.tier.percent,
      refundCents: cents(chosen.tier.percent),
      basis: 'tier',
      tierIndex: chosen.index,
      explanation: `Annulation au moins ${formatNotice(chosen.tier.minNotice)} avant le début\u00a0: remboursement de ${chosen.tier.percent} %.`,
    };
  }
  const late = policy.latePercent ?? 0;
  return {
    percent: late,
    refundCents: cents(late),
    basis: 'late',
    tierIndex: null,
    explanation:
      late === 0
        ? 'Annulation tardive\u00a0: aucun remboursement.'
        : `Annulation tardive\u00a0: remboursement de ${late} %.`,
  };
}

/**
 * The share of what was paid that goes back when a booking is cancelled. The
 * policy governs confirmed bookings only: a booking cancelled before its
 * confirmation gives back in full whatever was paid meanwhile (a payment
 * crossing the cancellation must not be kept). A free booking refunds nothing.
 */
export function cancellationRefundPercent(
  policy: CancellationPolicy,
  cancellation: { cancelledBy: CancelledBy; cancelledAt: Date; wasConfirmed: boolean },
  booking: { startsAt: Date; priceCents: number },
): number {
  if (booking.priceCents === 0) return 0;
  if (!cancellation.wasConfirmed) return 100;
  return refundFor(policy, cancellation.cancelledBy, cancellation.cancelledAt, booking.startsAt, booking.priceCents)
    .percent;
}

/** Checks a policy entered by an administrator; French messages, empty when usable. */
export function validateCancellationPolicy(policy: CancellationPolicy): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const percentOk = (value: number) => Number.isInteger(value) && value >= 0 && value <= 100;
  policy.tiers.forEach((tier, index) => {
    if (!percentOk(tier.percent))
      problems.push({ path: `tiers.${index}.percent`, message: 'Le pourcentage doit être un entier entre 0 et 100.' });
    const { days = 0, hours = 0 } = tier.minNotice;
    if (!Number.isInteger(days) || !Number.isInteger(hours) || days < 0 || hours < 0 || days + hours === 0) {
      problems.push({
        path: `tiers.${index}.minNotice`,
        message: 'Le délai doit être un nombre entier positif de jours ou d’heures.',
      });
    }
  });
  if (policy.latePercent !== undefined && !percentOk(policy.latePercent)) {
    problems.push({ path: 'latePercent', message: 'Le pourcentage doit être un entier entre 0 et 100.' });
  }
  return problems;
}

function formatNotice(notice: RefundTier['minNotice']): string {
  const parts: string[] = [];
  if (notice.days) parts.push(`${notice.days} jour${notice.days > 1 ? 's' : ''}`);
  if (notice.hours) parts.push(`${notice.hours} h`);
  return parts.join(' et ');
}
