import type {
  BookingStatus,
  SeriesPaymentPeriod,
  SeriesOccurrencePreview,
  SeriesOptions,
  SeriesPreviewView,
  SeriesView,
} from '@salle/contracts';
import { labelsOf, toBookingView, withSignatureGate, type BookingLabels } from '../bookings/booking-view';
import type { BookingEntity, SeriesEntity } from '../database/entities';
import { seriesPeriodOf, type SeriesPaymentMode } from '../domain/series-payment';
import type { AssessedOccurrence, SeriesParties } from './series-planner';

export function toOccurrencePreview(occurrence: AssessedOccurrence): SeriesOccurrencePreview {
  return {
    date: occurrence.date,
    startsAt: occurrence.start.toISOString(),
    endsAt: occurrence.end.toISOString(),
    state: occurrence.state,
    reasons: occurrence.reasons,
    priceCents: occurrence.price.totalCents,
  };
}

export function toPreviewView(parties: SeriesParties, occurrences: AssessedOccurrence[]): SeriesPreviewView {
  const count = (state: AssessedOccurrence['state']) =>
    occurrences.filter((occurrence) => occurrence.state === state).length;
  return {
    spaceId: parties.space.id,
    establishmentId: parties.establishment.id,
    organisationId: parties.organisation.id,
    ...labelsOf(parties),
    occurrences: occurrences.map(toOccurrencePreview),
    summary: {
      total: occurrences.length,
      free: count('free'),
      conflict: count('conflict'),
      closed: count('closed'),
      skipped: count('skipped'),
      totalPriceCents: occurrences.filter((o) => o.state === 'free').reduce((sum, o) => sum + o.price.totalCents, 0),
    },
  };
}

/** What the series row keeps besides its own columns (the table has no column for the first date). */
export interface StoredSeriesOptions extends SeriesOptions {
  firstDate: string;
  timeZone: string;
}

export function toSeriesView(
  series: SeriesEntity,
  establishmentId: string,
  bookings: BookingEntity[],
  labels: (booking: BookingEntity) => BookingLabels,
  paymentMode: SeriesPaymentMode,
  /** The sessions whose payment waits for the series' convention's signatures, when read. */
  awaitingSignatures?: ReadonlySet<string>,
): SeriesView {
  const stored = series.options as unknown as StoredSeriesOptions;
  const [first] = bookings;
  if (!first) throw new Error(`series ${series.id} has no booking`);
  const statusCounts: Partial<Record<BookingStatus, number>> = {};
  for (const booking of bookings) statusCounts[booking.status] = (statusCounts[booking.status] ?? 0) + 1;
  return {
    id: series.id,
    spaceId: series.spaceId,
    establishmentId,
    organisationId: series.organisationId,
    // Every occurrence has the series' space, collège and organisation.
    ...labels(first),
    rrule: series.rrule,
    firstDate: stored.firstDate,
    startTime: series.localStartTime.slice(0, 5),
    durationMinutes: series.durationMinutes,
    options: {
      skipSchoolHolidays: stored.skipSchoolHolidays,
      skipPublicHolidays: stored.skipPublicHolidays,
      skipClosures: stored.skipClosures,
    },
    requestedBy: series.requestedBy,
    createdAt: series.createdAt.toISOString(),
    occurrences: bookings.map((booking) =>
      withSignatureGate(toBookingView(booking, labels(booking)), awaitingSignatures),
    ),
    statusCounts,
    paymentMode,
    paymentSchedule: toPaymentSchedule(bookings, paymentMode),
  };
}

const TO_PAY = new Set<BookingStatus>(['approved', 'awaiting_payment']);
const LIVE = new Set<BookingStatus>(['requested', 'approved', 'awaiting_payment', 'confirmed', 'completed']);

/** Where a period stands, from its sessions' statuses (a session is confirmed once its payment succeeded). */
function periodStatus(statuses: BookingStatus[]): SeriesPaymentPeriod['status'] {
  if (statuses.some((s) => TO_PAY.has(s))) return 'to_pay';
  if (statuses.includes('requested')) return 'requested';
  if (statuses.some((s) => s === 'confirmed' || s === 'completed')) return 'paid';
  if (statuses.includes('expired')) return 'released';
  return 'cancelled';
}

/** The series' sessions (in time order) grouped by payment period, as the schedule set their due dates. */
export function toPaymentSchedule(bookings: BookingEntity[], mode: SeriesPaymentMode): SeriesPaymentPeriod[] {
  const periods = new Map<string, { label: string; sessions: BookingEntity[] }>();
  for (const booking of bookings) {
    const { key, label } = seriesPeriodOf(mode, booking.startsAt);
    const period = periods.get(key) ?? { label, sessions: [] };
    period.sessions.push(booking);
    periods.set(key, period);
  }
  return [...periods].map(([key, { label, sessions }]) => {
    const live = sessions.filter((b) => LIVE.has(b.status));
    // A released or cancelled period still shows what it was worth.
    const counted = live.length > 0 ? live : sessions;
    const deadlines = sessions.flatMap((b) => (TO_PAY.has(b.status) && b.expiresAt ? [b.expiresAt.getTime()] : []));
    return {
      key,
      label,
      bookingIds: sessions.map((b) => b.id),
      amountCents: counted.reduce((sum, b) => sum + b.priceCents, 0),
      dueAt: deadlines.length > 0 ? new Date(Math.min(...deadlines)).toISOString() : null,
      status: periodStatus(sessions.map((b) => b.status)),
    };
  });
}
