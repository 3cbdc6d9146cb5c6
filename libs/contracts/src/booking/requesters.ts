import { z } from 'zod';
import { bookingStatusSchema, bookingViewSchema } from './bookings';
import { utcInstantSchema, uuidSchema } from './common';
import { organisationViewSchema } from './organisations';
import { incidentViewSchema } from './staff-entry';

/** How many of the organisation's bookings at this collège are in each status, and who cancelled. */
export const requesterHistorySchema = z.strictObject({
  statusCounts: z.partialRecord(bookingStatusSchema, z.number().int()),
  cancelledByOrganisation: z.number().int(),
  cancelledByEstablishment: z.number().int(),
  firstStartsAt: utcInstantSchema.nullable().meta({ description: 'Its first booking at this collège.' }),
  recent: z.array(bookingViewSchema).meta({ description: 'Its ten latest bookings at this collège, newest first.' }),
  incidents: z
    .array(incidentViewSchema)
    .meta({ description: 'The incidents this collège noted on its bookings, latest first (twenty at most).' }),
});

/** `GET /establishments/:id/requesters/:organisationId`: who is asking, before deciding. */
export const requesterViewSchema = z.strictObject({
  organisation: organisationViewSchema,
  history: requesterHistorySchema,
});
export type RequesterView = z.infer<typeof requesterViewSchema>;

export const requesterPathSchema = z.object({ id: uuidSchema, organisationId: uuidSchema });
