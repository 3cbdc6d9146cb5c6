import type { EntityManager } from 'typeorm';
import type { SeriesBatch } from '@salle/contracts';
import { outbox, type DeferredEvent, type JournalEvent } from '../bookings/booking-journal';
import type { BookingEntity } from '../database/entities';

/** The events whose sessions of one series request, decision, confirmation or cancellation are told as one, by a lead. */
const BATCHED_TYPES = [
  'booking.requested',
  'booking.approved',
  'booking.refused',
  'booking.confirmed',
  'booking.cancelled',
] as const;
type BatchedType = (typeof BATCHED_TYPES)[number];

/**
 * Whether the event is told with its batch: a confirmation only when nothing was paid for it (free, or invoiced),
 * since a session paid before its convention's last signature is told with its payment, as a one-off booking's.
 */
function isBatched(event: JournalEvent): event is JournalEvent & { type: BatchedType } {
  if (event.type === 'booking.confirmed')
    return (event.payload as JournalEvent<'booking.confirmed'>['payload']).paymentId === null;
  return (BATCHED_TYPES as readonly string[]).includes(event.type);
}

type BatchSession = NonNullable<SeriesBatch['sessions']>[number];

type Session = Pick<BookingEntity, 'id' | 'startsAt' | 'endsAt' | 'priceCents'>;

/**
 * What is due per payment period for the approved sessions to pay, in time order (empty when nothing is due), each
 * with its first session.
 */
function periodsDue(events: DeferredEvent[]): NonNullable<SeriesBatch['periods']> {
  const periods = new Map<string, NonNullable<SeriesBatch['periods']>[number] & { firstStartsAt: string }>();
  for (const { event } of events) {
    if (event.type !== 'booking.approved') continue;
    const payload = event.payload as JournalEvent<'booking.approved'>['payload'];
    if (payload.priceCents === 0 || payload.paymentDueAt === null || !payload.seriesPeriod) continue;
    const { key, label } = payload.seriesPeriod;
    const period = periods.get(key);
    if (!period) {
      const first = { firstBookingId: payload.bookingId, firstStartsAt: payload.startsAt };
      periods.set(key, { key, label, amountCents: payload.priceCents, dueAt: payload.paymentDueAt, ...first });
      continue;
    }
    period.amountCents += payload.priceCents;
    if (Date.parse(payload.startsAt) < Date.parse(period.firstStartsAt))
      Object.assign(period, { firstBookingId: payload.bookingId, firstStartsAt: payload.startsAt });
  }
  return [...periods.values()]
    .sort((a, b) => Date.parse(a.firstStartsAt) - Date.parse(b.firstStartsAt))
    .map(({ firstStartsAt: _first, ...period }) => period);
}

/** A cancelled session's refund share and former status, as its own event says (the lead lists them). */
function cancellationOf(event: JournalEvent): Pick<BatchSession, 'refundPercent' | 'cancelledFrom'> {
  if (event.type !== 'booking.cancelled') return {};
  const { refundPercent, cancelledFrom } = event.payload as JournalEvent<'booking.cancelled'>['payload'];
  return { refundPercent, ...(cancelledFrom ? { cancelledFrom } : {}) };
}

/**
 * The lead's marker: the sessions of the batch, in time order (for a cancellation, with each one's refund share),
 * and for an approval what is due per period.
 */
function leadBatch(seriesId: string, members: DeferredEvent[], sessions: ReadonlyMap<string, Session>): SeriesBatch {
  const listed = members
    .flatMap(({ aggregateId, event }) => {
      const session = sessions.get(aggregateId);
      return session ? [{ session, event }] : [];
    })
    .sort(
      (a, b) => a.session.startsAt.getTime() - b.session.startsAt.getTime() || a.session.id.localeCompare(b.session.id),
    );
  const periods = periodsDue(members);
  return {
    seriesId,
    lead: true,
    sessions: listed.map(({ session, event }) => ({
      bookingId: session.id,
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
      priceCents: session.priceCents,
      ...cancellationOf(event),
    })),
    ...(periods.length ? { periods } : {}),
  };
}

/**
 * Writes the held-back events of a series' sessions requested, decided or cancelled in one action, in their order,
 * in the caller's transaction. Each type's events (request, approval, refusal, confirmation, cancellation) carry the
 * series' batch marker: the earliest session's is the lead, listing every session of its batch (with what is due
 * per payment period, or each cancelled session's refund share), so that people are told once for the whole
 * action; the others' say they are not the lead.
 */
export async function writeSeriesEvents(
  manager: EntityManager,
  seriesId: string,
  deferred: DeferredEvent[],
  sessions: readonly Session[],
): Promise<void> {
  const byId = new Map(sessions.map((session) => [session.id, session]));
  const leads = new Map<string, { bookingId: string; batch: SeriesBatch }>();
  for (const type of BATCHED_TYPES) {
    const members = deferred.filter(({ event }) => event.type === type && isBatched(event));
    const batch = members.length ? leadBatch(seriesId, members, byId) : undefined;
    const leadId = batch?.sessions?.[0]?.bookingId;
    if (batch && leadId) leads.set(type, { bookingId: leadId, batch });
  }
  for (const { aggregateId, event } of deferred) {
    const lead = isBatched(event) ? leads.get(event.type) : undefined;
    const seriesBatch = lead && (lead.bookingId === aggregateId ? lead.batch : { seriesId, lead: false });
    const payload = seriesBatch ? { ...event.payload, seriesBatch } : event.payload;
    await outbox.add(manager, { type: event.type, aggregateId, payload, requestId: event.requestId });
  }
}
