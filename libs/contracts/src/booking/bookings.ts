import { z } from 'zod';
import { instantSchema, renterCategorySchema, utcInstantSchema, uuidSchema } from './common';

export const BOOKING_STATUSES = [
  'requested',
  'approved',
  'awaiting_payment',
  'confirmed',
  'completed',
  'refused',
  'expired',
  'cancelled',
] as const;
export const bookingStatusSchema = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

/** Statuses whose booking keeps its slot: the booking database's exclusion constraint applies to exactly these. */
export const SLOT_HOLDING_STATUSES = [
  'requested',
  'approved',
  'awaiting_payment',
  'confirmed',
] as const satisfies readonly BookingStatus[];
/** Statuses a booking can be cancelled in (by whom, and until when, the booking service decides). */
export const CANCELLABLE_STATUSES = [
  'requested',
  'approved',
  'awaiting_payment',
  'confirmed',
] as const satisfies readonly BookingStatus[];

/**
 * Who cancelled a booking, as the booking service records it. (A département
 * admin's cancellation is recorded as the organisation's; the
 * `booking.cancelled` event names it `department`.)
 */
export const BOOKING_CANCELLERS = ['organisation', 'establishment'] as const;
export const bookingCancellerSchema = z.enum(BOOKING_CANCELLERS);
export type BookingCanceller = z.infer<typeof bookingCancellerSchema>;

/**
 * How a public payer (an organisation of kind `commune`) is invoiced: the SIRET of the entity that pays,
 * its Chorus Pro service code when it has one, and its engagement (commitment) number. Required on a paid
 * request from such an organisation, refused from the others; the booking service checks the SIRET's key.
 */
export const publicPayerSchema = z.strictObject({
  siret: z.string().trim().max(20),
  serviceCode: z.string().trim().max(100).optional(),
  engagementNumber: z.string().trim().max(50),
});
export type PublicPayer = z.infer<typeof publicPayerSchema>;

/** What a one-off request says, whoever enters it (a member, or the collège for the organisation). */
export const requestBookingFields = {
  spaceId: uuidSchema,
  organisationId: uuidSchema,
  startsAt: instantSchema,
  endsAt: instantSchema,
  purpose: z.string().trim().max(1_000).default(''),
  attendees: z.number().int().min(1).max(10_000).optional(),
  publicPayer: publicPayerSchema.optional(),
};

/** The refinement every slot of a request passes: it ends after it begins. */
export const endsAfterStart: [(b: { startsAt: string; endsAt: string }) => boolean, { error: string; path: string[] }] =
  [(b) => new Date(b.endsAt) > new Date(b.startsAt), { error: 'la fin doit suivre le début', path: ['endsAt'] }];

export const requestBookingSchema = z.strictObject(requestBookingFields).refine(...endsAfterStart);
export type RequestBooking = z.infer<typeof requestBookingSchema>;
export type RequestBookingBody = z.input<typeof requestBookingSchema>;

export const approveBookingSchema = z.strictObject({ message: z.string().trim().max(1_000).optional() });
export const refuseBookingSchema = z.strictObject({
  reason: z.string().trim().min(1, { error: 'indiquez le motif du refus' }).max(1_000),
});
export const cancelBookingSchema = z.strictObject({ reason: z.string().trim().max(1_000).optional() });

export const bookingQuerySchema = z
  .strictObject({
    organisationId: uuidSchema.optional(),
    establishmentId: uuidSchema.optional(),
    status: bookingStatusSchema.optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  // `when` runs it on any input, even one that is not an object at all: then the type error alone is reported.
  .refine(
    (q: Partial<{ organisationId: string; establishmentId: string }> | null) =>
      typeof q !== 'object' || q === null || Boolean(q.organisationId || q.establishmentId),
    {
      error: 'précisez organisationId ou establishmentId',
      path: ['organisationId'],
      when: () => true,
    },
  );

/**
 * One booking as every booking endpoint returns it (request, detail, list
 * pages, decisions, series occurrences). The `*Name` fields are display
 * labels read at response time, so a list can be shown without fetching
 * each space, collège and organisation.
 */
export const bookingViewSchema = z.strictObject({
  id: z.uuid(),
  spaceId: z.uuid(),
  spaceName: z.string().meta({ description: "The space's current name." }),
  establishmentId: z.uuid(),
  establishmentName: z.string().meta({ description: "The collège's current name." }),
  organisationId: z.uuid(),
  organisationName: z.string().meta({ description: "The renting organisation's current name." }),
  seriesId: z.uuid().nullable(),
  startsAt: utcInstantSchema,
  endsAt: utcInstantSchema,
  status: bookingStatusSchema,
  renterCategory: renterCategorySchema,
  priceCents: z.number().int(),
  depositCents: z.number().int(),
  priceExplanation: z.string().nullable(),
  purpose: z.string(),
  attendees: z.number().int().nullable(),
  decisionMessage: z.string().nullable(),
  refusalReason: z.string().nullable(),
  cancelledBy: bookingCancellerSchema.nullable(),
  cancellationReason: z.string().nullable(),
  refundPercent: z.number().int().nullable(),
  expiresAt: utcInstantSchema.nullable(),
  createdAt: utcInstantSchema,
  enteredByStaff: z
    .boolean()
    .optional()
    .meta({ description: "Entered by the collège's manager or a département admin on the organisation's behalf." }),
  paymentChoice: z
    .enum(['online', 'invoice', 'counter'])
    .nullable()
    .optional()
    .meta({ description: 'How the organisation said it would pay a request entered for it.' }),
  conventionDueAt: utcInstantSchema.optional().meta({
    description: 'Paid before its convention was fully signed (after_payment): the date by which it must be signed.',
  }),
  conventionOverdueAt: utcInstantSchema.optional().meta({
    description:
      'When that date passed unsigned: the collège sees the booking flagged and decides (have it signed, or cancel and refund).',
  }),
  awaitingSignatures: z.boolean().optional().meta({
    description:
      'Approved and priced, its payment opens only once its convention is signed by every party (CONVENTION_SIGNING=before_payment): no checkout until then.',
  }),
});
export type BookingView = z.infer<typeof bookingViewSchema>;

export const auditEntryViewSchema = z.strictObject({
  at: utcInstantSchema,
  actorRole: z.string(),
  fromStatus: bookingStatusSchema.nullable(),
  toStatus: bookingStatusSchema,
  reason: z.string().nullable(),
  onBehalfOf: z
    .uuid()
    .nullable()
    .optional()
    .meta({ description: 'The organisation a staff member acted for, when they entered its request.' }),
});
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

/** `GET /bookings/:id`: the booking and every state change it went through, oldest first. */
export const bookingDetailsViewSchema = bookingViewSchema.extend({ history: z.array(auditEntryViewSchema) });
export type BookingDetailsView = z.infer<typeof bookingDetailsViewSchema>;
