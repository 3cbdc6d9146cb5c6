import { z } from 'zod';
import { localDateSchema, uuidSchema } from './common';
import { schoolZoneSchema } from './establishments';

/** Longest period statistics are computed for, in days. */
export const STATISTICS_MAX_DAYS = 731;

const DAY_MS = 86_400_000;

/**
 * Statistics over the Paris local dates `from` to `to`, both included.
 * Without `establishmentId`, a département admin gets every collège and a
 * collège manager the collèges they manage.
 */
export const statisticsQuerySchema = z
  .strictObject({
    from: localDateSchema,
    to: localDateSchema,
    establishmentId: uuidSchema.optional(),
  })
  .refine((q) => q.to >= q.from, { error: 'la date de fin doit suivre la date de début', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) < STATISTICS_MAX_DAYS * DAY_MS, {
    error: `la période est limitée à ${STATISTICS_MAX_DAYS} jours`,
    path: ['to'],
  });
export type StatisticsQuery = z.infer<typeof statisticsQuerySchema>;

/**
 * Figures of one scope (a collège, a month, a collège in a month, or all).
 * Bookings, time and revenue count only `confirmed` and `completed`
 * bookings, by the Paris month of their start. `offeredMinutes` is the
 * bookable time the opening rules give over the period (see the booking
 * service's statistics README); `occupancy` is booked / offered, null when
 * nothing was offered.
 */
export const statisticsFiguresSchema = z.strictObject({
  bookings: z.number().int(),
  bookedMinutes: z.number().int(),
  bookedHours: z.number(),
  revenueCents: z.number().int().meta({ description: 'Integer euro cents.' }),
  offeredMinutes: z.number().int(),
  offeredHours: z.number(),
  occupancy: z.number().nullable(),
});
export type StatisticsFigures = z.infer<typeof statisticsFiguresSchema>;

export const monthStatisticsSchema = statisticsFiguresSchema.extend({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .meta({ description: '`YYYY-MM`, Paris time.' }),
});
export type MonthStatistics = z.infer<typeof monthStatisticsSchema>;

export const establishmentStatisticsSchema = statisticsFiguresSchema.extend({
  establishmentId: z.uuid(),
  uai: z.string(),
  name: z.string(),
  communeName: z.string(),
  months: z.array(monthStatisticsSchema),
});
export type EstablishmentStatistics = z.infer<typeof establishmentStatisticsSchema>;

/** `GET /statistics`. */
export const statisticsViewSchema = z.strictObject({
  from: localDateSchema,
  to: localDateSchema,
  totals: statisticsFiguresSchema,
  months: z.array(monthStatisticsSchema),
  establishments: z.array(establishmentStatisticsSchema),
});
export type StatisticsView = z.infer<typeof statisticsViewSchema>;

/**
 * `GET /statistics/heatmap`: booked time per Paris weekday (1 Monday to 7
 * Sunday) and hour (0 to 23) over the period, from the same bookings as the
 * statistics (confirmed and completed, by their start), a booking counted in
 * each hour it covers. Only cells with booked time are listed.
 */
export const statisticsHeatmapSchema = z.strictObject({
  from: localDateSchema,
  to: localDateSchema,
  cells: z.array(
    z.strictObject({
      weekday: z.number().int().min(1).max(7),
      hour: z.number().int().min(0).max(23),
      bookedMinutes: z.number().int(),
    }),
  ),
});
export type StatisticsHeatmap = z.infer<typeof statisticsHeatmapSchema>;

/** `GET /calendar-horizon`: how far the shipped official school calendar goes, for the admins to update it in time. */
export const calendarHorizonViewSchema = z.strictObject({
  zones: z.array(z.strictObject({ zone: schoolZoneSchema, coveredUntil: localDateSchema.nullable() })),
  coveredUntil: localDateSchema
    .nullable()
    .meta({ description: 'The earliest of the zones: after it, days are unknown.' }),
  warnDays: z.number().int(),
  warning: z
    .boolean()
    .meta({ description: 'True from `warnDays` days before `coveredUntil` (or when nothing is covered).' }),
});
export type CalendarHorizonView = z.infer<typeof calendarHorizonViewSchema>;
