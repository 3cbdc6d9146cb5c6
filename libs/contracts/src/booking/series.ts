import { z } from 'zod';
import type { BookingStatusValue, BookingView } from './bookings';
import { localDateSchema, localTimeSchema, uuidSchema } from './common';

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
      const keys = value.replace(/^RRULE:/i, '').split(';').map((part) => part.split('=')[0]?.toUpperCase());
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
});
export type CreateSeries = z.infer<typeof createSeriesSchema>;
export type CreateSeriesBody = z.input<typeof createSeriesSchema>;

export const approveSeriesSchema = z.strictObject({ message: z.string().trim().max(1_000).optional() });
export const refuseSeriesSchema = z.strictObject({ reason: z.string().trim().min(1, { error: 'indiquez le motif du refus' }).max(1_000) });
export const cancelSeriesSchema = z.strictObject({ reason: z.string().trim().max(1_000).optional() });

/** Why an occurrence is not free: a stable code and a French sentence. */
export interface SeriesReason {
  code: string;
  message: string;
}

export type SeriesOccurrenceState = 'free' | 'conflict' | 'closed' | 'skipped';

export interface SeriesOccurrencePreview {
  /** Local (Europe/Paris) date of the start. */
  date: string;
  startsAt: string;
  endsAt: string;
  state: SeriesOccurrenceState;
  /** Empty when free; the refusal reasons when closed; the skip reason; the conflict. */
  reasons: SeriesReason[];
  /** What this occurrence would cost, computed by the server. */
  priceCents: number;
}

export interface SeriesPreviewView {
  spaceId: string;
  establishmentId: string;
  organisationId: string;
  occurrences: SeriesOccurrencePreview[];
  summary: {
    total: number;
    free: number;
    conflict: number;
    closed: number;
    skipped: number;
    /** Sum of the free occurrences' prices. */
    totalPriceCents: number;
  };
}

export interface SeriesView {
  id: string;
  spaceId: string;
  establishmentId: string;
  organisationId: string;
  rrule: string;
  firstDate: string;
  startTime: string;
  durationMinutes: number;
  options: SeriesOptions;
  requestedBy: string;
  createdAt: string;
  /** One booking per created occurrence, in time order. */
  occurrences: BookingView[];
  /** How many occurrences are in each status. */
  statusCounts: Partial<Record<BookingStatusValue, number>>;
}

/**
 * What happened to each occurrence on submission: `created` (a booking now
 * holds it), or not created because it was in conflict (already at preview,
 * or taken by someone else in the meantime), closed or skipped.
 */
export interface SeriesSubmissionOccurrence extends Omit<SeriesOccurrencePreview, 'state'> {
  state: 'created' | 'conflict' | 'closed' | 'skipped';
  bookingId: string | null;
  status: BookingStatusValue | null;
}

export interface SeriesCreatedView {
  series: SeriesView;
  occurrences: SeriesSubmissionOccurrence[];
  summary: { total: number; created: number; conflict: number; closed: number; skipped: number; totalPriceCents: number };
}

export type SeriesAction = 'approve' | 'refuse' | 'cancel';

/**
 * One occurrence's fate under a whole-series decision: `applied`, `unchanged`
 * (its status is not one the action concerns, e.g. already refused) or
 * `refused` (the lifecycle does not allow it for this occurrence; `code` and
 * `message` say why).
 */
export interface SeriesDecisionOccurrence {
  bookingId: string;
  startsAt: string;
  outcome: 'applied' | 'unchanged' | 'refused';
  fromStatus: BookingStatusValue;
  status: BookingStatusValue;
  code: string | null;
  message: string | null;
}

export interface SeriesDecisionView {
  seriesId: string;
  action: SeriesAction;
  occurrences: SeriesDecisionOccurrence[];
  summary: { applied: number; unchanged: number; refused: number };
}
