import { In, type EntityManager } from 'typeorm';
import { BookingEntity } from '../database/entities';
import { periodDueAt, seriesPeriodOf, type SeriesPaymentRule } from '../domain/series-payment';

/**
 * When a series' session approved on its own (not through the whole-series decision) is due: with its payment
 * period, whose first session still to be paid or decided sets the date. Undefined for a booking outside a
 * series, which keeps the usual delay.
 */
export async function sessionPaymentDueAt(
  manager: EntityManager,
  booking: BookingEntity,
  approvedAt: Date,
  rule: SeriesPaymentRule,
): Promise<Date | undefined> {
  if (!booking.seriesId) return undefined;
  const key = seriesPeriodOf(rule.mode, booking.startsAt).key;
  const siblings = await manager.find(BookingEntity, {
    where: { seriesId: booking.seriesId, status: In(['requested', 'approved', 'awaiting_payment']) },
    order: { startsAt: 'ASC' },
  });
  const first = [...siblings, booking]
    .filter((session) => seriesPeriodOf(rule.mode, session.startsAt).key === key)
    .reduce((earliest, session) => (session.startsAt < earliest.startsAt ? session : earliest), booking);
  return periodDueAt(first.startsAt, approvedAt, rule);
}
