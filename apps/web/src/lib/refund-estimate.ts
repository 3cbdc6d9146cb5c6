import type { BookingStatus, CancellationPolicyInput } from '@salle/contracts';
import { addDays, parisDateOf, parisInstant, parisTimeOf } from './paris-time';

/** The booking service's default when a collège has set none: 100 % 7 days before, 50 % 48 h before. */
export const DEFAULT_CANCELLATION_POLICY: CancellationPolicyInput = {
  tiers: [
    { minNotice: { days: 7 }, percent: 100 },
    { minNotice: { hours: 48 }, percent: 50 },
  ],
  latePercent: 0,
};

export interface RefundEstimate {
  /** Nothing was paid: cancelling costs nothing. */
  unpaid: boolean;
  percent: number;
  refundCents: number;
  explanation: string;
}

const PAID: readonly BookingStatus[] = ['confirmed', 'completed'];

function formatNotice(notice: { days?: number; hours?: number }): string {
  const parts: string[] = [];
  if (notice.days) parts.push(`${notice.days} jour${notice.days > 1 ? 's' : ''}`);
  if (notice.hours) parts.push(`${notice.hours} h`);
  return parts.join(' et ');
}

/**
 * What an organisation would get back by cancelling now, shown before it
 * confirms. Mirrors the booking service's rule (the most generous tier whose
 * deadline is met; days are Paris calendar days, hours elapsed hours); the
 * service computes the refund that actually applies.
 */
export function estimateRefund(
  booking: { status: BookingStatus; startsAt: string; priceCents: number },
  policy: CancellationPolicyInput | null,
  now: Date = new Date(),
): RefundEstimate {
  if (!PAID.includes(booking.status) || booking.priceCents === 0) {
    return {
      unpaid: true,
      percent: 0,
      refundCents: 0,
      explanation: 'Aucun paiement n’a été effectué\u00a0: l’annulation est sans frais.',
    };
  }
  const rules = policy ?? DEFAULT_CANCELLATION_POLICY;
  const start = new Date(booking.startsAt);
  let chosen: { percent: number; notice: { days?: number; hours?: number } } | null = null;
  for (const tier of rules.tiers) {
    const dayShifted = parisInstant(addDays(parisDateOf(start), -(tier.minNotice.days ?? 0)), parisTimeOf(start));
    const deadline = dayShifted.getTime() + (start.getTime() % 60_000) - (tier.minNotice.hours ?? 0) * 3_600_000;
    if (now.getTime() <= deadline && (!chosen || tier.percent > chosen.percent))
      chosen = { percent: tier.percent, notice: tier.minNotice };
  }
  const percent = chosen ? chosen.percent : (rules.latePercent ?? 0);
  const refundCents = Math.floor((booking.priceCents * percent) / 100);
  const explanation = chosen
    ? `Annulation au moins ${formatNotice(chosen.notice)} avant le début\u00a0: remboursement de ${percent}\u00a0%.`
    : percent === 0
      ? 'Annulation tardive\u00a0: aucun remboursement.'
      : `Annulation tardive\u00a0: remboursement de ${percent}\u00a0%.`;
  return { unpaid: false, percent, refundCents, explanation };
}
