import { z } from 'zod';
import { bookingStatusSchema } from './bookings';
import { localDateSchema, localTimeSchema, RENTER_CATEGORIES, renterCategorySchema, utcInstantSchema } from './common';

export const SPACE_KINDS = [
  'classroom',
  'multipurpose_hall',
  'gymnasium',
  'auditorium',
  'boarding',
  'meeting_room',
  'other',
] as const;
export const spaceKindSchema = z.enum(SPACE_KINDS);
export type SpaceKind = z.infer<typeof spaceKindSchema>;

/** When an opening rule applies: school term weeks, school holidays, or both. */
export const OPENING_PERIODS = ['school_term', 'school_holidays', 'always'] as const;
export const openingPeriodSchema = z.enum(OPENING_PERIODS);
export type OpeningPeriod = z.infer<typeof openingPeriodSchema>;

const spaceFields = {
  kind: spaceKindSchema,
  name: z.string().trim().min(1).max(200),
  capacity: z.number().int().min(1).max(10_000),
  areaM2: z.number().int().min(1).max(100_000).nullable(),
  equipment: z.array(z.string().trim().min(1).max(60)).max(50),
  stepFreeAccess: z.boolean(),
  description: z.string().max(5_000),
  photoUrls: z.array(z.url({ protocol: /^https?$/ })).max(20),
  bufferMinutes: z.number().int().min(0).max(240),
  minDurationMinutes: z
    .number()
    .int()
    .min(15)
    .max(24 * 60),
  maxDurationMinutes: z
    .number()
    .int()
    .min(15)
    .max(14 * 24 * 60),
  minNoticeHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 90),
  maxHorizonDays: z.number().int().min(1).max(730),
  approvalRequired: z.boolean(),
  allowedCategories: z.array(renterCategorySchema).min(1),
  closedOnPublicHolidays: z.boolean(),
  active: z.boolean(),
};

const durationsConsistent = (space: { minDurationMinutes?: number; maxDurationMinutes?: number }) =>
  space.minDurationMinutes === undefined ||
  space.maxDurationMinutes === undefined ||
  space.maxDurationMinutes >= space.minDurationMinutes;
const durationsMessage = {
  error: 'la durée maximale doit être au moins égale à la durée minimale',
  path: ['maxDurationMinutes'],
};

export const createSpaceSchema = z
  .strictObject({
    ...spaceFields,
    areaM2: spaceFields.areaM2.optional(),
    equipment: spaceFields.equipment.default([]),
    stepFreeAccess: spaceFields.stepFreeAccess.default(false),
    description: spaceFields.description.default(''),
    photoUrls: spaceFields.photoUrls.default([]),
    bufferMinutes: spaceFields.bufferMinutes.default(0),
    minDurationMinutes: spaceFields.minDurationMinutes.default(60),
    maxDurationMinutes: spaceFields.maxDurationMinutes.default(600),
    minNoticeHours: spaceFields.minNoticeHours.default(48),
    maxHorizonDays: spaceFields.maxHorizonDays.default(365),
    approvalRequired: spaceFields.approvalRequired.default(true),
    allowedCategories: spaceFields.allowedCategories.default([...RENTER_CATEGORIES]),
    closedOnPublicHolidays: spaceFields.closedOnPublicHolidays.default(true),
    active: spaceFields.active.default(true),
  })
  .refine(durationsConsistent, durationsMessage);
export type CreateSpace = z.infer<typeof createSpaceSchema>;
export type CreateSpaceBody = z.input<typeof createSpaceSchema>;

// From the fields without defaults, so that an update never resets what it does not mention.
export const updateSpaceSchema = z.strictObject(spaceFields).partial().refine(durationsConsistent, durationsMessage);
export type UpdateSpace = z.infer<typeof updateSpaceSchema>;

export const openingRuleSchema = z
  .strictObject({
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    startTime: localTimeSchema,
    endTime: localTimeSchema,
    period: openingPeriodSchema.default('school_term'),
    validFrom: localDateSchema.nullable().optional(),
    validUntil: localDateSchema.nullable().optional(),
  })
  .refine((rule) => rule.endTime > rule.startTime || rule.endTime === '00:00', {
    error: 'l’heure de fin doit suivre l’heure de début',
    path: ['endTime'],
  })
  .refine((rule) => !rule.validFrom || !rule.validUntil || rule.validUntil >= rule.validFrom, {
    error: 'la fin de validité doit suivre le début',
    path: ['validUntil'],
  });
export type OpeningRuleInput = z.infer<typeof openingRuleSchema>;

export const replaceOpeningRulesSchema = z.strictObject({ rules: z.array(openingRuleSchema).max(50) });

export const tariffSchema = z.strictObject({
  category: renterCategorySchema,
  hourlyCents: z.number().int().min(0).max(1_000_000),
  halfDayCents: z.number().int().min(0).max(1_000_000).nullable().optional(),
  dayCents: z.number().int().min(0).max(1_000_000).nullable().optional(),
  depositCents: z.number().int().min(0).max(10_000_000).default(0),
});
export type TariffInput = z.infer<typeof tariffSchema>;

export const replaceTariffsSchema = z
  .strictObject({ tariffs: z.array(tariffSchema).max(4) })
  .refine((body) => new Set(body.tariffs.map((t) => t.category)).size === body.tariffs.length, {
    error: 'une seule grille par catégorie',
    path: ['tariffs'],
  });

export const createClosureSchema = z
  .strictObject({
    spaceId: z.uuid().optional(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    reason: z.string().trim().min(1).max(500),
    cancelBookings: z
      .boolean()
      .default(false)
      .meta({
        description:
          'Confirms that the live bookings the closure overlaps are cancelled (or, still requested, refused) by the ' +
          'collège with the closure, in the same transaction, fully refunded. Without it such a closure is refused ' +
          '(409 `closure_affects_bookings`, listing them).',
      }),
  })
  .refine((c) => new Date(c.endsAt) > new Date(c.startsAt), { error: 'la fin doit suivre le début', path: ['endsAt'] });
export type CreateClosure = z.infer<typeof createClosureSchema>;
export type CreateClosureBody = z.input<typeof createClosureSchema>;

/** `GET /spaces/:id/calendar`: a week or a month, six weeks at most. */
export const spaceCalendarQuerySchema = z
  .strictObject({ from: localDateSchema, to: localDateSchema })
  .refine((q) => q.to >= q.from, { error: 'la date de fin doit suivre la date de début', path: ['to'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 42, {
    error: 'au plus six semaines',
    path: ['to'],
  });

export const spaceViewSchema = z.strictObject({
  id: z.uuid(),
  establishmentId: z.uuid(),
  kind: spaceKindSchema,
  name: z.string(),
  capacity: z.number().int(),
  areaM2: z.number().int().nullable(),
  equipment: z.array(z.string()),
  stepFreeAccess: z.boolean(),
  description: z.string(),
  photoUrls: z.array(z.string()),
  bufferMinutes: z.number().int(),
  minDurationMinutes: z.number().int(),
  maxDurationMinutes: z.number().int(),
  minNoticeHours: z.number().int(),
  maxHorizonDays: z.number().int(),
  approvalRequired: z.boolean(),
  allowedCategories: z.array(renterCategorySchema),
  closedOnPublicHolidays: z.boolean(),
  active: z.boolean(),
});
export type SpaceView = z.infer<typeof spaceViewSchema>;

export const openingRuleViewSchema = z.strictObject({
  weekdays: z.array(z.number().int().min(1).max(7)),
  startTime: localTimeSchema,
  endTime: localTimeSchema,
  period: openingPeriodSchema,
  validFrom: localDateSchema.nullable(),
  validUntil: localDateSchema.nullable(),
});
export type OpeningRuleView = z.infer<typeof openingRuleViewSchema>;

export const tariffViewSchema = z.strictObject({
  category: renterCategorySchema,
  hourlyCents: z.number().int(),
  halfDayCents: z.number().int().nullable(),
  dayCents: z.number().int().nullable(),
  depositCents: z.number().int(),
});
export type TariffView = z.infer<typeof tariffViewSchema>;

/** `GET /spaces/:id`: the space with its opening rules and tariffs. */
export const spaceDetailsViewSchema = spaceViewSchema.extend({
  openingRules: z.array(openingRuleViewSchema),
  tariffs: z.array(tariffViewSchema),
  schoolYearEndsOn: localDateSchema.nullable().meta({
    description: "Last day of classes of the current school year in the collège's zone; null if unpublished.",
  }),
});
export type SpaceDetailsView = z.infer<typeof spaceDetailsViewSchema>;

export const closureViewSchema = z.strictObject({
  id: z.uuid(),
  establishmentId: z.uuid(),
  spaceId: z.uuid().nullable().meta({ description: 'Null: the whole collège is closed.' }),
  startsAt: utcInstantSchema,
  endsAt: utcInstantSchema,
  reason: z.string(),
});
export type ClosureView = z.infer<typeof closureViewSchema>;

/** `POST /establishments/:id/closures`: the closure, and the bookings it cancelled or refused. */
export const closureCreatedViewSchema = closureViewSchema.extend({
  cancelledBookingIds: z.array(z.uuid()),
});
export type ClosureCreatedView = z.infer<typeof closureCreatedViewSchema>;

export const calendarSegmentKindSchema = z.enum(['free', 'booked', 'closed', 'school_time']);
export type CalendarSegmentKind = z.infer<typeof calendarSegmentKindSchema>;

export const calendarSegmentSchema = z.strictObject({
  kind: calendarSegmentKindSchema,
  startsAt: utcInstantSchema,
  endsAt: utcInstantSchema,
  reason: z.string().optional().meta({ description: 'Closures: why.' }),
  booking: z
    .strictObject({
      id: z.uuid(),
      status: bookingStatusSchema,
      organisationName: z.string().nullable(),
      mine: z.boolean(),
      /** The weekly series the session belongs to, so that a calendar shows its sessions as one. */
      seriesId: z.uuid().nullable().optional(),
    })
    .optional()
    .meta({ description: 'Bookings: the renter is named to the parties only (its members, the collège, admins).' }),
});
export type CalendarSegment = z.infer<typeof calendarSegmentSchema>;

/** `GET /spaces/:id/calendar`. */
export const calendarViewSchema = z.strictObject({
  spaceId: z.uuid(),
  from: localDateSchema,
  to: localDateSchema,
  timeZone: z.literal('Europe/Paris'),
  today: localDateSchema,
  segments: z.array(calendarSegmentSchema),
});
export type CalendarView = z.infer<typeof calendarViewSchema>;

/** `GET|POST /establishments|organisations/:id/calendar-link`: the ICS feed's secret path (under the booking API). */
export const calendarLinkViewSchema = z.strictObject({
  path: z.string().regex(/^\/calendars\/(establishments|organisations)\/[^/]+\.ics$/),
});

/** `GET /spaces/:id/quote`: the price of a booking of that length for that category, before asking for it. */
export const spaceQuoteQuerySchema = z.strictObject({
  durationMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  category: renterCategorySchema,
});
export type SpaceQuoteQuery = z.infer<typeof spaceQuoteQuerySchema>;

/** A price as quoted by the space's tariff: the same figures a booking of that length will carry. */
export const spaceQuoteViewSchema = z.strictObject({
  category: renterCategorySchema,
  durationMinutes: z.number().int(),
  cents: z.number().int(),
  explanation: z.string(),
  depositCents: z.number().int(),
});
export type SpaceQuoteView = z.infer<typeof spaceQuoteViewSchema>;

/**
 * `PUT /spaces/:id/access-instructions`: how an organisation gets in, written by the collège's managers and
 * shown only to them and to organisations with a confirmed booking of the space. Empty texts are allowed: a
 * space may have no alarm.
 */
export const spaceAccessInstructionsSchema = z.strictObject({
  /** Where and when to collect the keys or the badge, and where to return them. */
  keys: z.string().trim().max(2_000),
  /** How to switch the alarm off and on again, without its codes if they are given in person. */
  alarm: z.string().trim().max(2_000),
  /** Who to call on the day (the caretaker's name and number). */
  caretakerContact: z.string().trim().max(500),
});
export type SpaceAccessInstructions = z.infer<typeof spaceAccessInstructionsSchema>;

export const spaceAccessInstructionsViewSchema = spaceAccessInstructionsSchema.extend({
  spaceId: z.uuid(),
  /** Null while the managers have written nothing. */
  updatedAt: utcInstantSchema.nullable(),
});
export type SpaceAccessInstructionsView = z.infer<typeof spaceAccessInstructionsViewSchema>;
