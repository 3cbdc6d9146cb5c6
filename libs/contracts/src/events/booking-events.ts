import { z } from 'zod';
import { BOOKING_CANCELLERS, bookingStatusSchema, publicPayerSchema } from '../booking/bookings';
import { messageAuthorRoleSchema } from '../booking/messages';
import { organisationStatusSchema } from '../booking/organisations';
import { paymentChoiceSchema } from '../booking/staff-entry';
import { displayName, entityId, euroCents, instant, percent } from './event-fields';

/** Who the booking is for, where and when: carried by the events that other services act upon. */
const bookingSlot = {
  bookingId: entityId,
  establishmentId: entityId,
  organisationId: entityId,
  spaceId: entityId,
  startsAt: instant,
  endsAt: instant,
};

/** How people know the parties of a booking: shown by services that hold only their ids. */
export const bookingPartyNames = z.object({
  organisationName: displayName,
  establishmentName: displayName,
  spaceName: displayName,
});
export type BookingPartyNames = z.infer<typeof bookingPartyNames>;

/** A series' session's payment period (SERIES_PAYMENT): its series, period key (`2026-T1`) and label. */
const seriesPeriodRef = z.object({ seriesId: entityId, key: z.string().min(1).max(20), label: displayName });

/** The statuses a booking is cancelled in (see booking.cancelled's `cancelledFrom`). */
const cancelledFromSchema = bookingStatusSchema.extract(['requested', 'approved', 'awaiting_payment', 'confirmed']);

/** The most sessions one series holds (the booking service's MAX_SERIES_OCCURRENCES). */
const MAX_SERIES_SESSIONS = 400;

/**
 * The sessions of one series request, decision, confirmation or cancellation (all of them, or the chosen subset),
 * told as one: each session's event carries it, and `lead` marks the one event that speaks for all of them (people
 * are told once, by the lead; the others' messages are left to it). Only the lead lists the sessions and, for an
 * approval of a series paid per period, what is due per period.
 */
export const seriesBatchSchema = z.object({
  seriesId: entityId,
  lead: z.boolean(),
  /** On the lead: the sessions of the request or decision, in time order. */
  sessions: z
    .array(
      z.object({
        bookingId: entityId,
        startsAt: instant,
        endsAt: instant,
        priceCents: euroCents,
        /** On a cancellation's lead: each session's refund share and former status, as its booking.cancelled says. */
        refundPercent: percent.optional(),
        cancelledFrom: cancelledFromSchema.optional(),
      }),
    )
    .min(1)
    .max(MAX_SERIES_SESSIONS)
    .optional(),
  /**
   * On an approval's lead: each payment period of the approved sessions to pay, its amount, due date and first
   * session (the period's payment reminder goes with it).
   */
  periods: z
    .array(
      seriesPeriodRef
        .omit({ seriesId: true })
        .extend({ amountCents: euroCents, dueAt: instant, firstBookingId: entityId }),
    )
    .max(MAX_SERIES_SESSIONS)
    .optional(),
});
export type SeriesBatch = z.infer<typeof seriesBatchSchema>;

/**
 * What the collège's managers check about a requesting organisation before deciding: the département's
 * verification (a member's request needs it; the collège's staff may enter one for an organisation still pending)
 * and the last day its declared insurance covers (the request was checked against it).
 */
export const requesterStandingSchema = z.object({
  status: organisationStatusSchema,
  insuranceExpiresOn: z.iso.date(),
});
export type RequesterStanding = z.infer<typeof requesterStandingSchema>;

export const bookingRequestedV1 = z.object({
  ...bookingSlot,
  /** Set when the booking is one occurrence of a weekly series. */
  seriesId: entityId.nullable(),
  priceCents: euroCents,
  /** The request is released if not decided by then. */
  decisionDueAt: instant,
  /** A series' session requested with the others. Optional (no new version): absent for one-off requests. */
  seriesBatch: seriesBatchSchema.optional(),
  /**
   * The parties' names and the organisation's standing at the request, for the collège's new-request message.
   * Optional (no new version): absent from events written before they were added.
   */
  labels: bookingPartyNames.optional(),
  requester: requesterStandingSchema.optional(),
});

export const bookingApprovedV1 = z.object({
  ...bookingSlot,
  priceCents: euroCents,
  /** Paid bookings must be paid by then or they expire; null for free bookings. */
  paymentDueAt: instant.nullable(),
  /**
   * The names of the parties at approval, for the checkout page and the
   * receipts, whose readers cannot query the booking service. Optional (no new
   * version): events written before it was added have none.
   */
  labels: bookingPartyNames.optional(),
  /**
   * A series' session: its series and payment period (SERIES_PAYMENT), which payment pays as one item (one
   * checkout, PayFiP operation or invoice per period). Optional (no new version): absent for one-off bookings
   * and for events written before it was added.
   */
  seriesPeriod: seriesPeriodRef.optional(),
  /**
   * How the organisation said it would pay, when the collège's staff entered the request on its behalf (online:
   * the payment link goes to its contact; at the counter). Optional (no new version): absent for a member's request.
   */
  paymentChoice: paymentChoiceSchema.optional(),
  /** A series' session approved with others in one action. Optional (no new version): absent otherwise. */
  seriesBatch: seriesBatchSchema.optional(),
});

export const bookingRefusedV1 = z.object({
  bookingId: entityId,
  establishmentId: entityId,
  organisationId: entityId,
  reason: z.string().max(1000).nullable(),
  /** A series' session refused with others in one action. Optional (no new version): absent otherwise. */
  seriesBatch: seriesBatchSchema.optional(),
});

export const bookingExpiredV1 = z.object({
  bookingId: entityId,
  establishmentId: entityId,
  organisationId: entityId,
  /** The state it was waiting in: a decision, or a payment. */
  expiredFrom: bookingStatusSchema.extract(['requested', 'awaiting_payment']),
});

/**
 * Version 2 also reports an expiry from `approved`: accepted by the collège,
 * whose payout account was not ready before the deadline, so the payment
 * never opened. A new value of an enum breaks version 1 readers: a new version.
 */
export const bookingExpiredV2 = bookingExpiredV1.extend({
  expiredFrom: bookingStatusSchema.extract(['requested', 'approved', 'awaiting_payment']),
});

export const bookingCancelledV1 = z.object({
  bookingId: entityId,
  establishmentId: entityId,
  organisationId: entityId,
  cancelledBy: z.enum([...BOOKING_CANCELLERS, 'department']),
  /** Share of what was paid that goes back to the organisation, per the establishment's policy. */
  refundPercent: percent,
  priceCents: euroCents,
  reason: z.string().max(1000).nullable(),
  /**
   * The status it was cancelled in. The policy's percentage applies only to a
   * booking cancelled once `confirmed`: money accepted for one cancelled before
   * (a payment crossing the cancellation) goes back in full. Optional: absent
   * from the events of booking services older than this field.
   */
  cancelledFrom: cancelledFromSchema.optional(),
  /** A series' session cancelled with others in one action. Optional (no new version): absent otherwise. */
  seriesBatch: seriesBatchSchema.optional(),
});

/**
 * What the organisation's confirmation message gives besides the slot: the path of its calendar feed at the booking
 * service (`/calendars/organisations/<token>.ics`, which the gateway serves under `/api/booking`), and the space's
 * access instructions (null when its managers wrote none).
 */
export const bookingConfirmationDetails = z.object({
  calendarPath: z.string().regex(/^\/calendars\/organisations\/[0-9a-f]{64}\.ics$/),
  accessInstructions: z
    .object({ keys: z.string().max(2_000), alarm: z.string().max(2_000), caretakerContact: z.string().max(500) })
    .nullable(),
});
export type BookingConfirmationDetails = z.infer<typeof bookingConfirmationDetails>;

export const bookingConfirmedV1 = z.object({
  ...bookingSlot,
  priceCents: euroCents,
  /** The payment that confirmed it; null for a free booking. */
  paymentId: entityId.nullable(),
  /** For the notification service. Optional (no new version): events written before it was added have none. */
  confirmation: bookingConfirmationDetails.optional(),
  /**
   * Set when a public payer's booking is confirmed on approval, to be paid by invoice: what the payment service
   * prints on the invoice it issues. Optional (no new version): events written before it was added have none.
   */
  invoice: z
    .object({
      payer: publicPayerSchema,
      labels: bookingPartyNames,
      /** The collège's SIRET, the invoice's seller identifier; null when the collège has none on record. */
      establishmentSiret: z.string().nullable(),
      /**
       * The collège's UAI, the seller identifier (BT-29) of an invoice when it has no SIRET on record (EN 16931
       * BR-CO-26 asks for one of them). Optional: events written before it was added have none.
       */
      establishmentUai: z.string().optional(),
      /**
       * A series session invoiced with its period: the period and every session of it confirmed so far (this one
       * included), the lines of the period's one invoice. Optional (no new version): absent for one-off bookings.
       */
      seriesPeriod: seriesPeriodRef
        .extend({
          sessions: z
            .array(z.object({ bookingId: entityId, startsAt: instant, endsAt: instant, priceCents: euroCents }))
            .min(1)
            .max(200),
        })
        .optional(),
    })
    .optional(),
  /**
   * A series' session confirmed with others in one action (free, or invoiced, on approval or at the last signature).
   * Optional (no new version): absent otherwise.
   */
  seriesBatch: seriesBatchSchema.optional(),
});

/**
 * A message written in a booking's conversation, for the notification
 * service to tell the other side. Carries no text: the message stays with
 * the booking, read in the conversation.
 */
export const bookingMessagePostedV1 = z.object({
  bookingId: entityId,
  establishmentId: entityId,
  organisationId: entityId,
  messageId: entityId,
  authorRole: messageAuthorRoleSchema,
  postedAt: instant,
});
