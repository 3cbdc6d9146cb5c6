import { z } from 'zod';
import { instantSchema, uuidSchema } from './common';

export const bookingStatusSchema = z.enum([
  'requested',
  'approved',
  'awaiting_payment',
  'confirmed',
  'completed',
  'refused',
  'expired',
  'cancelled',
]);
export type BookingStatusValue = z.infer<typeof bookingStatusSchema>;

export const requestBookingSchema = z
  .strictObject({
    spaceId: uuidSchema,
    organisationId: uuidSchema,
    startsAt: instantSchema,
    endsAt: instantSchema,
    purpose: z.string().trim().max(1_000).default(''),
    attendees: z.number().int().min(1).max(10_000).optional(),
  })
  .refine((b) => new Date(b.endsAt) > new Date(b.startsAt), { error: 'la fin doit suivre le début', path: ['endsAt'] });
export type RequestBooking = z.infer<typeof requestBookingSchema>;
export type RequestBookingBody = z.input<typeof requestBookingSchema>;

export const approveBookingSchema = z.strictObject({ message: z.string().trim().max(1_000).optional() });
export const refuseBookingSchema = z.strictObject({ reason: z.string().trim().min(1, { error: 'indiquez le motif du refus' }).max(1_000) });
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
  .refine((q: Partial<{ organisationId: string; establishmentId: string }> | null) => typeof q !== 'object' || q === null || Boolean(q.organisationId || q.establishmentId), {
    error: 'précisez organisationId ou establishmentId',
    path: ['organisationId'],
    when: () => true,
  });

/**
 * One booking as every booking endpoint returns it (request, detail, list
 * pages, decisions, series occurrences). The `*Name` fields are display
 * labels read at response time, so a list can be shown without fetching
 * each space, collège and organisation.
 */
export interface BookingView {
  id: string;
  spaceId: string;
  /** The space's current name. */
  spaceName: string;
  establishmentId: string;
  /** The collège's current name. */
  establishmentName: string;
  organisationId: string;
  /** The renting organisation's current name. */
  organisationName: string;
  seriesId: string | null;
  startsAt: string;
  endsAt: string;
  status: BookingStatusValue;
  renterCategory: string;
  priceCents: number;
  depositCents: number;
  priceExplanation: string | null;
  purpose: string;
  attendees: number | null;
  decisionMessage: string | null;
  refusalReason: string | null;
  cancelledBy: string | null;
  cancellationReason: string | null;
  refundPercent: number | null;
  expiresAt: string | null;
  createdAt: string;
}

export interface AuditEntryView {
  at: string;
  actorRole: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
}
