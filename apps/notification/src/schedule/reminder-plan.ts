import type { EventPayload, EventType, SeriesBatch } from '@salle/contracts';
import type { BookingFacts } from '../bookings/booking-facts';
import type { PlannedMessage } from '../messages/message-plan';

export const REMINDER_KINDS = ['payment_reminder', 'session_reminder', 'decision_reminder'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** How long before each deadline its reminder falls due. */
export interface ReminderLeads {
  paymentMs: number;
  sessionMs: number;
  decisionMs: number;
}

/** A reminder to keep in the schedule: the message it will write, when, and until when it still makes sense. */
export interface Reminder {
  kind: ReminderKind;
  bookingId: string;
  /** One reminder per (kind, key): the booking, or a weekly series' week. */
  dedupeKey: string;
  dueAt: Date;
  /** The deadline itself: a reminder still waiting then is pointless. */
  expiresAt: Date;
  planned: Extract<PlannedMessage, { template: ReminderKind }>;
}

export interface ReminderChanges {
  /** Scheduled, or moved when the booking already has one of that kind. */
  schedule: Reminder[];
  /** The booking's reminders of these kinds still waiting are cancelled. */
  cancel: ReminderKind[];
}

const NOTHING: ReminderChanges = { schedule: [], cancel: [] };
const ALL: ReminderKind[] = [...REMINDER_KINDS];

const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

/** The Monday (Paris calendar) of the week of `instant`, as YYYY-MM-DD: the key of a series' weekly reminder. */
export function parisWeekOf(instant: Date): string {
  const day = new Date(`${parisDay.format(instant)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/** A reminder `leadMs` before `deadline`, unless that moment has already passed when the event happened. */
function before(
  deadline: string,
  leadMs: number,
  occurredAt: Date,
  reminder: Omit<Reminder, 'dueAt' | 'expiresAt'>,
): Reminder[] {
  const expiresAt = new Date(deadline);
  const dueAt = new Date(expiresAt.getTime() - leadMs);
  // Too late to remind: the message of the event itself has just said it.
  return dueAt.getTime() <= occurredAt.getTime() ? [] : [{ ...reminder, dueAt, expiresAt }];
}

type Planner<T extends EventType> = (
  payload: EventPayload<T>,
  facts: BookingFacts,
  leads: ReminderLeads,
  occurredAt: Date,
) => ReminderChanges;

/**
 * A series' sessions approved in one action: one payment reminder per payment period, written by the lead (none by
 * the other sessions), each kept with the period's first session (its payment, made for the whole period, cancels
 * it).
 */
function seriesPaymentReminders(
  batch: NonNullable<EventPayload<'booking.approved'>['seriesBatch']>,
  leads: ReminderLeads,
  occurredAt: Date,
): Reminder[] {
  if (!batch.lead) return [];
  const periods = batch.periods ?? [];
  return periods.flatMap((period, k) =>
    before(period.dueAt, leads.paymentMs, occurredAt, {
      kind: 'payment_reminder',
      bookingId: period.firstBookingId,
      dedupeKey: `series:${batch.seriesId}:${period.key}`,
      planned: {
        template: 'payment_reminder',
        audience: 'organisation',
        amountCents: period.amountCents,
        payBy: period.dueAt,
        series: {
          seriesId: batch.seriesId,
          periodLabel: period.label,
          bookingIds: periodSessions(batch.sessions ?? [], period.firstBookingId, periods[k + 1]?.firstBookingId),
        },
      },
    }),
  );
}

/**
 * The sessions to pay of a period: those from its first session up to the next period's first (the periods and the
 * sessions are both in time order), free ones left out.
 */
function periodSessions(
  sessions: NonNullable<SeriesBatch['sessions']>,
  firstBookingId: string,
  nextFirstBookingId: string | undefined,
): string[] {
  const from = sessions.findIndex((session) => session.bookingId === firstBookingId);
  const to = nextFirstBookingId
    ? sessions.findIndex((session) => session.bookingId === nextFirstBookingId)
    : sessions.length;
  // A period whose bounds are not among the sessions: only its first session is known to be in it.
  if (from < 0 || to <= from) return [firstBookingId];
  return sessions
    .slice(from, to)
    .filter((session) => session.priceCents > 0)
    .map((session) => session.bookingId);
}

/**
 * How each event changes a booking's reminders, as plain data: a request
 * schedules the collège's decision reminder, an approval the payment
 * reminder, a confirmation the session reminder; whatever ends the wait
 * (decision, payment, cancellation, expiry) cancels what no longer applies.
 * An event carrying a new slot or deadline moves the reminder it schedules.
 */
export const reminderPlans: { [T in EventType]?: Planner<T> } = {
  'booking.requested': (event, _facts, leads, occurredAt) => ({
    schedule: before(event.decisionDueAt, leads.decisionMs, occurredAt, {
      kind: 'decision_reminder',
      bookingId: event.bookingId,
      // A weekly series is requested (and decided) as a whole: one reminder for it.
      dedupeKey: event.seriesId ? `series:${event.seriesId}` : `booking:${event.bookingId}`,
      planned: { template: 'decision_reminder', audience: 'establishment', decideBy: event.decisionDueAt },
    }),
    cancel: [],
  }),
  'booking.approved': (event, _facts, leads, occurredAt) => ({
    schedule: event.seriesBatch
      ? seriesPaymentReminders(event.seriesBatch, leads, occurredAt)
      : event.priceCents > 0 && event.paymentDueAt
        ? before(event.paymentDueAt, leads.paymentMs, occurredAt, {
            kind: 'payment_reminder',
            bookingId: event.bookingId,
            dedupeKey: `booking:${event.bookingId}`,
            planned: {
              template: 'payment_reminder',
              audience: 'organisation',
              amountCents: event.priceCents,
              payBy: event.paymentDueAt,
            },
          })
        : [],
    cancel: ['decision_reminder'],
  }),
  'booking.confirmed': (event, facts, leads, occurredAt) => ({
    schedule: before(event.startsAt, leads.sessionMs, occurredAt, {
      kind: 'session_reminder',
      bookingId: event.bookingId,
      // A weekly series is reminded at most once a week, whatever its occurrences.
      dedupeKey: facts.seriesId
        ? `series:${facts.seriesId}:${parisWeekOf(new Date(event.startsAt))}`
        : `booking:${event.bookingId}`,
      planned: { template: 'session_reminder', audience: 'organisation' },
    }),
    cancel: ['decision_reminder', 'payment_reminder'],
  }),
  'booking.refused': () => ({ schedule: [], cancel: ALL }),
  'booking.expired': () => ({ schedule: [], cancel: ALL }),
  'booking.cancelled': () => ({ schedule: [], cancel: ALL }),
  'payment.succeeded': () => ({ schedule: [], cancel: ['payment_reminder'] }),
};

/** The changes an event makes to its booking's reminders (none for the types that make none). */
export function reminderChanges<T extends EventType>(
  type: T,
  payload: EventPayload<T>,
  facts: BookingFacts,
  leads: ReminderLeads,
  occurredAt: Date,
): ReminderChanges {
  const plan = reminderPlans[type] as Planner<T> | undefined;
  return plan ? plan(payload, facts, leads, occurredAt) : NOTHING;
}
