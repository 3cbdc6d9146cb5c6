import { z } from 'zod';
import { bookingStatusSchema, bookingViewSchema, requestBookingFields } from './bookings';
import { localDateSchema, localTimeSchema, utcInstantSchema, uuidSchema } from './common';

const RRULE_PART = /^[A-Za-z]+=[A-Za-z0-9,+-]+$/;

/**
 * The shape of an RFC 5545 RRULE value (`FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270624`,
 * an `RRULE:` prefix allowed). What it means (weekly only, which parts, the
 * limits) is checked by the booking service, which names this field.
 */
export const seriesRruleSchema = z
  .string()
  .trim()
  .min(1, { error: 'indiquez la règle de répétition (RRULE)' })
  .max(300)
  .refine(
    (value) => {
      const parts = value.replace(/^RRULE:/i, '').split(';');
      return parts.every((part) => RRULE_PART.test(part));
    },
    { error: 'doit être une règle RRULE de la forme FREQ=WEEKLY;BYDAY=MO;COUNT=10' },
  )
  .refine(
    (value) => {
      const keys = value
        .replace(/^RRULE:/i, '')
        .split(';')
        .map((part) => part.split('=')[0]?.toUpperCase());
      return new Set(keys).size === keys.length;
    },
    { error: 'chaque élément de la règle ne peut apparaître qu’une fois' },
  );

export const seriesOptionsSchema = z.strictObject({
  /** Leave out the occurrences that fall in the zone's school holidays. */
  skipSchoolHolidays: z.boolean().default(false),
  /** Leave out the occurrences on public holidays (otherwise reported closed when the space closes on them). */
  skipPublicHolidays: z.boolean().default(false),
  /** Leave out the occurrences that touch a closure (otherwise reported closed). */
  skipClosures: z.boolean().default(false),
});
export type SeriesOptions = z.infer<typeof seriesOptionsSchema>;

const seriesFields = {
  spaceId: uuidSchema,
  organisationId: uuidSchema,
  rrule: seriesRruleSchema,
  /** Local date the rule starts from (its DTSTART), Europe/Paris. */
  firstDate: localDateSchema,
  /** Local wall-clock start of every occurrence: 19:00 stays 19:00 across clock changes. */
  startTime: localTimeSchema,
  durationMinutes: z.number().int().min(1, { error: 'au moins 1 minute' }).max(1440, { error: 'au plus 24 heures' }),
  options: seriesOptionsSchema.prefault({}),
};

export const previewSeriesSchema = z.strictObject(seriesFields);
export type PreviewSeries = z.infer<typeof previewSeriesSchema>;
export type PreviewSeriesBody = z.input<typeof previewSeriesSchema>;

export const createSeriesSchema = z.strictObject({
  ...seriesFields,
  purpose: z.string().trim().max(1_000).default(''),
  attendees: z.number().int().min(1).max(10_000).optional(),
  /** A public payer's invoicing identifiers, as on a one-off request (required from a commune for a paid series). */
  publicPayer: requestBookingFields.publicPayer,
});
export type CreateSeries = z.infer<typeof createSeriesSchema>;
export type CreateSeriesBody = z.input<typeof createSeriesSchema>;

/**
 * The occurrences (booking ids of the series) a decision is about: a chosen
 * subset, decided in one action and one transaction; every occurrence when absent.
 */
const chosenOccurrences = {
  bookingIds: z
    .array(uuidSchema)
    .min(1, { error: 'choisissez au moins une séance' })
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, { error: 'chaque séance ne peut être choisie qu’une fois' })
    .optional()
    .meta({ description: 'Only these occurrences of the series; all of them when absent.' }),
};

export const approveSeriesSchema = z.strictObject({
  message: z.string().trim().max(1_000).optional(),
  ...chosenOccurrences,
});
export const refuseSeriesSchema = z.strictObject({
  reason: z.string().trim().min(1, { error: 'indiquez le motif du refus' }).max(1_000),
  ...chosenOccurrences,
});
export const cancelSeriesSchema = z.strictObject({
  reason: z.string().trim().max(1_000).optional(),
  ...chosenOccurrences,
});

/** Why an occurrence is not free: a stable code and a French sentence. */
export const seriesReasonSchema = z.strictObject({ code: z.string(), message: z.string() });
export type SeriesReason = z.infer<typeof seriesReasonSchema>;

export const seriesOccurrenceStateSchema = z.enum(['free', 'conflict', 'closed', 'skipped']);
export type SeriesOccurrenceState = z.infer<typeof seriesOccurrenceStateSchema>;

const occurrenceFields = {
  date: localDateSchema.meta({ description: 'Local (Europe/Paris) date of the start.' }),
  startsAt: utcInstantSchema,
  endsAt: utcInstantSchema,
  reasons: z
    .array(seriesReasonSchema)
    .meta({ description: 'Empty when free; the refusal reasons when closed; the skip reason; the conflict.' }),
  priceCents: z.number().int().meta({ description: 'What this occurrence would cost, computed by the server.' }),
};

export const seriesOccurrencePreviewSchema = z.strictObject({
  ...occurrenceFields,
  state: seriesOccurrenceStateSchema,
});
export type SeriesOccurrencePreview = z.infer<typeof seriesOccurrencePreviewSchema>;

const count = z.number().int();

/** `POST /series/preview`. */
/** The parties of a series, with their current names, as on each booking. */
const seriesPartiesFields = {
  spaceId: z.uuid(),
  spaceName: z.string(),
  establishmentId: z.uuid(),
  establishmentName: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
};

export const seriesPreviewViewSchema = z.strictObject({
  ...seriesPartiesFields,
  occurrences: z.array(seriesOccurrencePreviewSchema),
  summary: z.strictObject({
    total: count,
    free: count,
    conflict: count,
    closed: count,
    skipped: count,
    totalPriceCents: count.meta({ description: "Sum of the free occurrences' prices." }),
  }),
});
export type SeriesPreviewView = z.infer<typeof seriesPreviewViewSchema>;

/**
 * One payment period of a series (SERIES_PAYMENT: the whole series, a month or a school term): its sessions,
 * the sum of their prices, when it is due and where it stands. `to_pay` while a session awaits its payment,
 * `paid` once they are confirmed, `released` when the period went unpaid past its due date.
 */
export const seriesPaymentPeriodSchema = z.strictObject({
  key: z.string().meta({ description: '`season`, `YYYY-MM` or `YYYY-T1`..`YYYY-T3` (school year starting YYYY).' }),
  label: z.string(),
  bookingIds: z.array(uuidSchema),
  amountCents: count,
  dueAt: utcInstantSchema.nullable().meta({ description: 'The earliest payment deadline of its unpaid sessions.' }),
  status: z.enum(['requested', 'to_pay', 'paid', 'released', 'cancelled']),
});
export type SeriesPaymentPeriod = z.infer<typeof seriesPaymentPeriodSchema>;

export const seriesViewSchema = z.strictObject({
  id: z.uuid(),
  ...seriesPartiesFields,
  rrule: z.string(),
  firstDate: localDateSchema,
  startTime: localTimeSchema,
  durationMinutes: count,
  options: seriesOptionsSchema,
  requestedBy: z.string(),
  createdAt: utcInstantSchema,
  occurrences: z.array(bookingViewSchema).meta({ description: 'One booking per created occurrence, in time order.' }),
  statusCounts: z
    .partialRecord(bookingStatusSchema, count)
    .meta({ description: 'How many occurrences are in each status.' }),
  paymentMode: z.enum(['whole', 'month', 'term']),
  paymentSchedule: z.array(seriesPaymentPeriodSchema).meta({ description: 'The payment periods, in time order.' }),
});
export type SeriesView = z.infer<typeof seriesViewSchema>;

/**
 * What happened to each occurrence on submission: `created` (a booking now
 * holds it), or not created because it was in conflict (already at preview,
 * or taken by someone else in the meantime), closed or skipped.
 */
export const seriesSubmissionOccurrenceSchema = z.strictObject({
  ...occurrenceFields,
  state: z.enum(['created', 'conflict', 'closed', 'skipped']),
  bookingId: z.uuid().nullable(),
  status: bookingStatusSchema.nullable(),
});
export type SeriesSubmissionOccurrence = z.infer<typeof seriesSubmissionOccurrenceSchema>;

/** `POST /series`. */
export const seriesCreatedViewSchema = z.strictObject({
  series: seriesViewSchema,
  occurrences: z.array(seriesSubmissionOccurrenceSchema),
  summary: z.strictObject({
    total: count,
    created: count,
    conflict: count,
    closed: count,
    skipped: count,
    totalPriceCents: count,
  }),
});
export type SeriesCreatedView = z.infer<typeof seriesCreatedViewSchema>;

export const seriesActionSchema = z.enum(['approve', 'refuse', 'cancel']);
export type SeriesAction = z.infer<typeof seriesActionSchema>;

/**
 * One occurrence's fate under a whole-series decision: `applied`, `unchanged`
 * (its status is not one the action concerns, e.g. already refused) or
 * `refused` (the lifecycle does not allow it for this occurrence; `code` and
 * `message` say why).
 */
export const seriesDecisionOccurrenceSchema = z.strictObject({
  bookingId: z.uuid(),
  startsAt: utcInstantSchema,
  outcome: z.enum(['applied', 'unchanged', 'refused']),
  fromStatus: bookingStatusSchema,
  status: bookingStatusSchema,
  code: z.string().nullable(),
  message: z.string().nullable(),
});
export type SeriesDecisionOccurrence = z.infer<typeof seriesDecisionOccurrenceSchema>;

/** `POST /series/:id/approve|refuse|cancel`. */
export const seriesDecisionViewSchema = z.strictObject({
  seriesId: z.uuid(),
  action: seriesActionSchema,
  occurrences: z.array(seriesDecisionOccurrenceSchema),
  summary: z.strictObject({ applied: count, unchanged: count, refused: count }),
});
export type SeriesDecisionView = z.infer<typeof seriesDecisionViewSchema>;
