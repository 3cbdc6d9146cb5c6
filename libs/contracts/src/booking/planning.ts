import { z } from 'zod';
import { bookingStatusSchema } from './bookings';
import { localDateSchema, utcInstantSchema, uuidSchema } from './common';
import { spaceKindSchema } from './spaces';

/** The longest planning one request reads: a week. */
export const PLANNING_MAX_DAYS = 7;

/** `GET /establishments/:id/planning` and `GET /planning`: from a local (Paris) day, for one to seven days. */
export const planningQuerySchema = z.strictObject({
  from: localDateSchema,
  days: z.coerce
    .number({ error: 'doit être un nombre de jours' })
    .int()
    .min(1, { error: 'au moins 1 jour' })
    .max(PLANNING_MAX_DAYS, { error: `au plus ${PLANNING_MAX_DAYS} jours` })
    .default(PLANNING_MAX_DAYS),
});
export type PlanningQuery = z.infer<typeof planningQuerySchema>;

/** One booking holding a space in the period, with what the people on site need to know. */
export const planningEntrySchema = z.strictObject({
  bookingId: uuidSchema,
  seriesId: uuidSchema.nullable(),
  startsAt: utcInstantSchema,
  endsAt: utcInstantSchema,
  status: bookingStatusSchema,
  organisationId: uuidSchema,
  organisationName: z.string(),
  contactName: z
    .string()
    .nullable()
    .meta({ description: "The organisation's contact person, else who requested it as the organisation knows them." }),
  contactPhone: z.string().nullable().meta({ description: "The organisation's contact phone." }),
  contactEmail: z.string().nullable().meta({ description: "The organisation's contact e-mail." }),
  purpose: z.string(),
  attendees: z.number().int().nullable(),
  accessNotes: z
    .string()
    .nullable()
    .meta({ description: "The collège's message on approval: keys, badge, contact on site." }),
});
export type PlanningEntry = z.infer<typeof planningEntrySchema>;

export const planningSpaceSchema = z.strictObject({
  id: uuidSchema,
  name: z.string(),
  kind: spaceKindSchema,
  entries: z.array(planningEntrySchema).meta({ description: 'In time order.' }),
});

/** A closure of the collège (`spaceId` null) or of one of its spaces overlapping the period. */
export const planningClosureSchema = z.strictObject({
  id: uuidSchema,
  spaceId: uuidSchema.nullable().meta({ description: 'Null: the whole collège is closed.' }),
  startsAt: utcInstantSchema,
  endsAt: utcInstantSchema,
  reason: z.string(),
});
export type PlanningClosure = z.infer<typeof planningClosureSchema>;

export const planningEstablishmentSchema = z.strictObject({
  id: uuidSchema,
  name: z.string(),
  address: z.string(),
  postalCode: z.string(),
  communeName: z.string(),
  spaces: z.array(planningSpaceSchema).meta({ description: 'Every active space, by name, booked or not.' }),
  closures: z.array(planningClosureSchema).meta({ description: 'The closures overlapping the period, in time order.' }),
});
export type PlanningEstablishment = z.infer<typeof planningEstablishmentSchema>;

export const planningViewSchema = z.strictObject({
  from: localDateSchema,
  to: localDateSchema.meta({ description: 'The last day included.' }),
  establishments: z.array(planningEstablishmentSchema),
});
export type PlanningView = z.infer<typeof planningViewSchema>;
