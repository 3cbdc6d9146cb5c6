import type { OpeningRules } from '../availability/opening-rules';
import { checkSlot, type SlotRefusal } from '../availability/slot-checker';
import { widen } from '../availability/offerable-intervals';
import type { ZoneCalendar } from '../calendar';
import { overlaps, type TimeInterval } from '../time/interval-set';
import { formatFrenchDate } from '../time/paris-time';
import { expandWeeklySeries, type SeriesOccurrence, type WeeklySeriesSpec } from './weekly-series';

export interface SeriesPreviewOptions {
  /** Leave out occurrences that fall in school holidays (the usual choice for a season). */
  skipSchoolHolidays?: boolean;
  /** Leave out occurrences on public holidays. */
  skipPublicHolidays?: boolean;
  /** Leave out occurrences that touch a closure of the space. */
  skipClosures?: boolean;
  /** Existing bookings that hold the space (the statuses that hold a slot). */
  busy?: readonly TimeInterval[];
  /** Turnaround buffer of the space: required gap, in minutes, between a booking and its neighbours. */
  bufferMinutes?: number;
  /** The present instant, to check notice and horizon. */
  now?: Date;
}

export type SkipReason = 'school_holiday' | 'public_holiday' | 'closure';

export type OccurrenceState =
  | { state: 'free' }
  | { state: 'conflict'; conflicts: TimeInterval[]; message: string }
  | { state: 'closed'; reasons: SlotRefusal[] }
  | { state: 'skipped'; reason: SkipReason; message: string };

export type OccurrencePreview = SeriesOccurrence & OccurrenceState;

/**
 * Every occurrence of a series with what would happen to it: skipped on
 * request (holiday, public holiday, closure), closed by the space's rules
 * (with the refusal reasons), in conflict with existing bookings (buffer
 * included), or free. When holidays are to be skipped but the school
 * calendar is not published for that date, the occurrence is closed with
 * `school_calendar_unknown` rather than booked blindly.
 */
export function previewSeries(
  spec: WeeklySeriesSpec,
  rules: OpeningRules,
  calendar: ZoneCalendar,
  options: SeriesPreviewOptions = {},
): OccurrencePreview[] {
  const busy = options.busy ?? [];
  const buffer = options.bufferMinutes ?? 0;
  return expandWeeklySeries(spec).map((occurrence): OccurrencePreview => {
    const day = formatFrenchDate(occurrence.date);
    if (options.skipSchoolHolidays) {
      const holiday = calendar.isSchoolHoliday(occurrence.date);
      if (holiday === 'yes') {
        const period = calendar.holidayPeriodOn(occurrence.date)?.period ?? 'vacances scolaires';
        return {
          ...occurrence,
          state: 'skipped',
          reason: 'school_holiday',
          message: `Séance du ${day} non programmée\u00a0: ${period}.`,
        };
      }
      if (holiday === 'unknown') {
        return {
          ...occurrence,
          state: 'closed',
          reasons: [
            {
              code: 'school_calendar_unknown',
              date: occurrence.date,
              message: `Le calendrier scolaire du ${day} n’est pas encore publié\u00a0: impossible de savoir s’il s’agit d’un jour de vacances.`,
            },
          ],
        };
      }
    }
    const publicHoliday = calendar.publicHolidayOn(occurrence.date);
    if (options.skipPublicHolidays && publicHoliday) {
      return {
        ...occurrence,
        state: 'skipped',
        reason: 'public_holiday',
        message: `Séance du ${day} non programmée\u00a0: jour férié (${publicHoliday}).`,
      };
    }
    if (options.skipClosures) {
      const closure = (rules.closures ?? []).find((item) => overlaps(occurrence, item));
      if (closure) {
        return {
          ...occurrence,
          state: 'skipped',
          reason: 'closure',
          message: `Séance du ${day} non programmée\u00a0: fermeture (${closure.reason}).`,
        };
      }
    }
    const check = checkSlot(rules, calendar, occurrence.start, occurrence.end, options.now ? { now: options.now } : {});
    if (!check.ok) return { ...occurrence, state: 'closed', reasons: check.reasons };
    const [widened] = widen([occurrence], buffer);
    const conflicts = busy.filter((item) => overlaps(widened, item));
    if (conflicts.length > 0) {
      const message =
        buffer > 0
          ? `Le créneau du ${day} chevauche une réservation existante ou en est trop proche (${buffer} min d’intervalle nécessaires).`
          : `Le créneau du ${day} chevauche une réservation existante.`;
      return { ...occurrence, state: 'conflict', conflicts, message };
    }
    return { ...occurrence, state: 'free' };
  });
}
