import type {
  BookingConfirmationDetails,
  EventPayload,
  EventType,
  PaymentChoice,
  RequesterStanding,
  SeriesBatch,
} from '@salle/contracts';
import type { NotificationKind } from '@salle/contracts/notification';
import type { BookingFacts } from '../bookings/booking-facts';
import type { PartyMessage } from './party-messages';

/** The statuses a booking may expire from, as `booking.expired` (its latest version) names them. */
export type ExpiredFrom = EventPayload<'booking.expired'>['expiredFrom'];

/** Who cancels a booking on the collège's side (`booking.cancelled`'s `cancelledBy` other than the organisation). */
export type CancelledOnCollegeSide = Exclude<EventPayload<'booking.cancelled'>['cancelledBy'], 'organisation'>;

/** Who a message is for: the people of an organisation, of a collège, or the département's admins. */
export type Audience = 'organisation' | 'establishment' | 'department';

/** What a confirmation gives besides the slot; none from the events of booking services older than it. */
export interface Confirmation {
  /** The organisation's calendar feed, as the booking service serves it (`/calendars/organisations/<token>.ics`). */
  calendarPath: string | null;
  accessInstructions: BookingConfirmationDetails['accessInstructions'];
}

/**
 * A series' sessions requested, decided, confirmed or cancelled in one action, told in one message: the sessions (in
 * time order; for a cancellation, with each one's refund share) and, for an approval, what is due per payment period
 * (in time order).
 */
export interface SeriesSummary {
  seriesId: string;
  sessions: NonNullable<SeriesBatch['sessions']>;
  periods: NonNullable<SeriesBatch['periods']>;
}

/** Set on the messages about a whole series request or decision; absent for a single booking's. */
interface AboutSeries {
  series?: SeriesSummary;
}

/** A message to write, with what its template needs beyond the booking's facts. */
export type PlannedMessage =
  | ({ template: 'request_received'; audience: 'organisation' } & AboutSeries)
  | ({
      template: 'new_request';
      audience: 'establishment';
      /** The organisation's verification and insurance at the request; absent from an older producer's events. */
      requester?: RequesterStanding;
    } & AboutSeries)
  | ({
      template: 'approved_to_pay';
      audience: 'organisation';
      /** For a series: the total of its periods; `payBy` is then the first period's due date. */
      amountCents: number;
      payBy: string;
      /** Set when the collège's staff entered the request: how the organisation said it would pay. */
      paymentChoice?: PaymentChoice;
    } & AboutSeries)
  | ({ template: 'refused'; audience: 'organisation'; reason: string | null } & AboutSeries)
  | { template: 'expired'; audience: 'organisation'; expiredFrom: ExpiredFrom }
  | ({
      template: 'cancelled_by_establishment';
      audience: 'organisation';
      /** Who cancelled on the collège's side: its staff (or a closure), or a département admin. */
      by: CancelledOnCollegeSide;
      reason: string | null;
      /** For a series: the total refunded for the cancelled sessions (null when none was paid). */
      refundCents: number | null;
    } & AboutSeries)
  | ({ template: 'cancelled_by_organisation'; audience: 'establishment'; reason: string | null } & AboutSeries)
  | ({ template: 'confirmed_free'; audience: 'organisation' } & Confirmation & AboutSeries)
  | ({ template: 'payment_confirmed'; audience: 'organisation'; amountCents: number } & Confirmation)
  | { template: 'payment_received'; audience: 'establishment'; amountCents: number; paidAt: string }
  | { template: 'refund_issued'; audience: 'organisation'; amountCents: number }
  // Reminders, written when they fall due (src/schedule).
  | {
      template: 'payment_reminder';
      audience: 'organisation';
      amountCents: number;
      payBy: string;
      /** A series' payment period approved in one action: reminded once for the period, not per session. */
      series?: {
        seriesId: string;
        periodLabel: string;
        /** The period's sessions to pay, whose pages list the reminder; absent from reminders planned before it. */
        bookingIds?: string[];
      };
    }
  | { template: 'session_reminder'; audience: 'organisation' }
  | { template: 'decision_reminder'; audience: 'establishment'; decideBy: string };

export type TemplateName = PlannedMessage['template'];

/**
 * Every template (of a booking's messages and of the party messages) is a kind the contracts list (people
 * choose by kind), and every kind a template.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const TEMPLATES_ARE_KINDS: Same<TemplateName | PartyMessage['template'], NotificationKind> = true;

/** The latest payload of each type this service turns into messages. */
type Payload<T extends EventType> = EventPayload<T>;

/** What a refund of `percent` % of `priceCents` gives back, when the booking had been paid. */
function refundOf(event: Pick<Payload<'booking.cancelled'>, 'cancelledFrom' | 'priceCents' | 'refundPercent'>) {
  // Before confirmation nothing was paid through the booking (a crossing payment is refunded in full and told by payment.refunded).
  if (event.cancelledFrom !== undefined && event.cancelledFrom !== 'confirmed') return null;
  if (event.priceCents === 0) return null;
  return Math.round((event.priceCents * event.refundPercent) / 100);
}

/**
 * What a series batch marker says of its event: the series summary the lead speaks for (`{ series }`), nothing for
 * a one-off booking's event (or one of an older producer, which marks none: each session told alone), or null for
 * a session whose message the lead of its request or decision writes.
 */
function aboutSeries(batch: SeriesBatch | undefined): AboutSeries | null {
  if (!batch) return {};
  if (!batch.lead) return null;
  return batch.sessions
    ? { series: { seriesId: batch.seriesId, sessions: batch.sessions, periods: batch.periods ?? [] } }
    : {};
}

/** What the cancelled sessions of a series give back in all, when any of them had been paid. */
function seriesRefund(series: SeriesSummary): number | null {
  const refunds = series.sessions
    .map((session) => refundOf({ ...session, refundPercent: session.refundPercent ?? 0 }))
    .filter((refund): refund is number => refund !== null);
  return refunds.length ? refunds.reduce((sum, refund) => sum + refund, 0) : null;
}

/** The approval of a series' sessions in one action: one message with what is due per period, when any is. */
function seriesApproval(event: Payload<'booking.approved'>, series: SeriesSummary): PlannedMessage[] {
  const [first] = series.periods;
  // Nothing to pay (free sessions, confirmed and told by booking.confirmed): no approval message.
  if (!first) return [];
  return [
    {
      template: 'approved_to_pay',
      audience: 'organisation',
      amountCents: series.periods.reduce((sum, period) => sum + period.amountCents, 0),
      payBy: first.dueAt,
      ...(event.paymentChoice ? { paymentChoice: event.paymentChoice } : {}),
      series,
    },
  ];
}

/**
 * The messages an event calls for, as plain data: which template, for whom,
 * with what. A pure function of the event and the facts known of its
 * booking, so that the catalogue is read and tested without a database.
 */
export const messagePlans: { [T in EventType]?: (payload: Payload<T>, facts: BookingFacts) => PlannedMessage[] } = {
  // A series' request is told once, by its lead session's event.
  'booking.requested': (event) => {
    const about = aboutSeries(event.seriesBatch);
    if (!about) return [];
    return [
      { template: 'request_received', audience: 'organisation', ...about },
      {
        template: 'new_request',
        audience: 'establishment',
        ...(event.requester ? { requester: event.requester } : {}),
        ...about,
      },
    ];
  },
  'booking.approved': (event) => {
    const about = aboutSeries(event.seriesBatch);
    if (!about) return [];
    if (about.series) return seriesApproval(event, about.series);
    // A free booking is confirmed at once: booking.confirmed tells it.
    return event.priceCents > 0 && event.paymentDueAt !== null
      ? [
          {
            template: 'approved_to_pay',
            audience: 'organisation',
            amountCents: event.priceCents,
            payBy: event.paymentDueAt,
            ...(event.paymentChoice ? { paymentChoice: event.paymentChoice } : {}),
          },
        ]
      : [];
  },
  'booking.refused': (event) => {
    const about = aboutSeries(event.seriesBatch);
    return about ? [{ template: 'refused', audience: 'organisation', reason: event.reason, ...about }] : [];
  },
  'booking.expired': (event) => [{ template: 'expired', audience: 'organisation', expiredFrom: event.expiredFrom }],
  // Sessions of a series cancelled in one action are told once, by the lead, with the total refunded.
  'booking.cancelled': (event) => {
    const about = aboutSeries(event.seriesBatch);
    if (!about) return [];
    return event.cancelledBy === 'organisation'
      ? [{ template: 'cancelled_by_organisation', audience: 'establishment', reason: event.reason, ...about }]
      : [
          {
            template: 'cancelled_by_establishment',
            audience: 'organisation',
            by: event.cancelledBy,
            reason: event.reason,
            refundCents: about.series ? seriesRefund(about.series) : refundOf(event),
            ...about,
          },
        ];
  },
  // Sessions of a series confirmed in one action without payment (free, or invoiced) are told once, by the lead.
  'booking.confirmed': (event) => {
    const about = aboutSeries(event.seriesBatch);
    if (!about) return [];
    const confirmation: Confirmation = {
      calendarPath: event.confirmation?.calendarPath ?? null,
      accessInstructions: event.confirmation?.accessInstructions ?? null,
    };
    return event.paymentId === null || event.priceCents === 0
      ? [{ template: 'confirmed_free', audience: 'organisation', ...confirmation, ...about }]
      : [{ template: 'payment_confirmed', audience: 'organisation', amountCents: event.priceCents, ...confirmation }];
  },
  // A series' period paid as one item is announced once per session: the collège is told once, by the lead one.
  'payment.succeeded': (event) =>
    event.period?.lead === false
      ? []
      : [
          {
            template: 'payment_received',
            audience: 'establishment',
            amountCents: event.amountCents,
            paidAt: event.paidAt,
          },
        ],
  'payment.refunded': (event) =>
    event.amountCents > 0
      ? [{ template: 'refund_issued', audience: 'organisation', amountCents: event.amountCents }]
      : [],
};
