import { z } from 'zod';
import { localDateSchema, uuidSchema } from './common';

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
export interface StatisticsFigures {
  bookings: number;
  bookedMinutes: number;
  bookedHours: number;
  /** Integer euro cents. */
  revenueCents: number;
  offeredMinutes: number;
  offeredHours: number;
  occupancy: number | null;
}

export interface MonthStatistics extends StatisticsFigures {
  /** `YYYY-MM`, Paris time. */
  month: string;
}

export interface EstablishmentStatistics extends StatisticsFigures {
  establishmentId: string;
  uai: string;
  name: string;
  communeName: string;
  months: MonthStatistics[];
}

export interface StatisticsView {
  from: string;
  to: string;
  totals: StatisticsFigures;
  months: MonthStatistics[];
  establishments: EstablishmentStatistics[];
}
