import { z } from 'zod';
import { spacePhotoSummarySchema } from './space-photos';
import { localDateSchema, localTimeSchema, renterCategorySchema, utcInstantSchema } from './common';
import { MAX_SLOTS_PER_SPACE } from './search-limits';
import { spaceKindSchema } from './spaces';

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value), z.array(item));

/** Query of the free-slot search. Dates and times are Europe/Paris local. */
export const searchQuerySchema = z
  .strictObject({
    from: localDateSchema,
    to: localDateSchema,
    durationMinutes: z.coerce
      .number()
      .int()
      .min(15)
      .max(24 * 60)
      .default(120),
    weekdays: list(z.coerce.number().int().min(1).max(7)).optional(),
    timeFrom: localTimeSchema.optional(),
    timeTo: localTimeSchema.optional(),
    minCapacity: z.coerce.number().int().min(1).max(10_000).optional(),
    kinds: list(spaceKindSchema).optional(),
    equipment: list(z.string().trim().min(1).max(60)).optional(),
    stepFree: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    communeInsee: z
      .string()
      .trim()
      .regex(/^(\d{5}|2[AB]\d{3})$/, { error: 'code INSEE de commune attendu' })
      .optional(),
    latitude: z.coerce.number().min(-90).max(90).optional(),
    longitude: z.coerce.number().min(-180).max(180).optional(),
    radiusKm: z.coerce.number().min(1).max(200).default(20),
    category: renterCategorySchema.default('association'),
    sort: z.enum(['distance', 'date']).default('distance'),
    pageSize: z.coerce.number().int().min(1).max(50, { error: 'au plus 50 espaces par page' }).default(20),
    cursor: z
      .string()
      .regex(/^\d{1,7}$/, { error: 'curseur invalide' })
      .optional(),
  })
  .refine((q) => q.to >= q.from, { error: 'la date de fin doit suivre la date de début', path: ['to'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 62, {
    error: 'au plus 62 jours par recherche',
    path: ['to'],
  })
  .refine((q) => !q.timeFrom || !q.timeTo || q.timeTo > q.timeFrom, {
    error: 'l’heure de fin doit suivre l’heure de début',
    path: ['timeTo'],
  })
  .refine((q) => (q.latitude === undefined) === (q.longitude === undefined), {
    error: 'latitude et longitude vont ensemble',
    path: ['longitude'],
  });
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export { MAX_SLOTS_PER_SPACE } from './search-limits';

export const searchResultItemSchema = z.strictObject({
  space: z.strictObject({
    id: z.uuid(),
    name: z.string(),
    kind: spaceKindSchema,
    capacity: z.number().int(),
    areaM2: z.number().int().nullable(),
    equipment: z.array(z.string()),
    stepFreeAccess: z.boolean(),
    photoUrls: z.array(z.string()),
    /** The first of the photos its managers uploaded, if any. */
    photo: spacePhotoSummarySchema.nullable(),
  }),
  establishment: z.strictObject({
    id: z.uuid(),
    name: z.string(),
    communeName: z.string(),
    latitude: z.number(),
    longitude: z.number(),
  }),
  distanceKm: z.number().nullable().meta({ description: 'From the asked point, to 100 m; null without a point.' }),
  price: z
    .strictObject({
      category: renterCategorySchema,
      cents: z.number().int(),
      explanation: z.string(),
      depositCents: z.number().int(),
    })
    .nullable()
    .meta({
      description: "The asked duration's price for the asked renter category; null when the tariff cannot price it.",
    }),
  slots: z
    .array(z.strictObject({ startsAt: utcInstantSchema, endsAt: utcInstantSchema }))
    .max(MAX_SLOTS_PER_SPACE)
    .meta({ description: `Free windows that fit the duration, earliest first (at most ${MAX_SLOTS_PER_SPACE}).` }),
});
export type SearchResultItem = z.infer<typeof searchResultItemSchema>;

export const searchResultsSchema = z.strictObject({
  items: z.array(searchResultItemSchema),
  nextCursor: z
    .string()
    .nullable()
    .meta({ description: 'Pass it back as `cursor` for the next page; null when there is none.' }),
});
export type SearchResults = z.infer<typeof searchResultsSchema>;
