import { invalidFields } from '@salle/http';
import { parseLocalDate, parseLocalTime } from '../domain/time';
import {
  expandWeeklySeries,
  MAX_SERIES_OCCURRENCES,
  weeklySeriesFromRRule,
  type SeriesOccurrence,
  type WeeklySeriesSpec,
} from '../domain/series';

export interface SeriesRuleInput {
  rrule: string;
  firstDate: string;
  startTime: string;
  durationMinutes: number;
}

export interface ExpandedSeries {
  spec: WeeklySeriesSpec;
  /** The RRULE value as stored: upper case, without the `RRULE:` prefix. */
  rrule: string;
  occurrences: SeriesOccurrence[];
}

const rruleError = (message: string): never => invalidFields([{ field: 'rrule', message }]);

/**
 * Reads a series typed by a person into its occurrences, or answers 400
 * naming the `rrule` field. The domain accepts WKST but always counts weeks
 * from Monday, so another WKST (which changes INTERVAL>1 series) is refused
 * rather than silently ignored; a series whose UNTIL would reach the cap is
 * refused rather than cut short.
 */
export function expandSeriesRule(input: SeriesRuleInput): ExpandedSeries {
  const rrule = input.rrule
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();
  const wkst = /(?:^|;)WKST=([^;]*)/.exec(rrule);
  if (wkst && wkst[1] !== 'MO') rruleError('Seul WKST=MO (semaine commençant le lundi) est pris en charge.');
  const parsed = weeklySeriesFromRRule(rrule, {
    // Already checked by the request schema (localDateSchema, localTimeSchema).
    firstDate: parseLocalDate(input.firstDate, 'firstDate'),
    startTime: parseLocalTime(input.startTime),
    durationMinutes: input.durationMinutes,
  });
  if (!parsed.ok) return rruleError(parsed.message);
  const occurrences = expandWeeklySeries(parsed.spec);
  if (occurrences.length === 0)
    rruleError('Cette règle ne produit aucune séance entre la date de début et la date de fin.');
  if (parsed.spec.until !== undefined && occurrences.length >= MAX_SERIES_OCCURRENCES) {
    rruleError(`La série compterait au moins ${MAX_SERIES_OCCURRENCES} séances\u00a0: rapprochez la date de fin.`);
  }
  return { spec: parsed.spec, rrule, occurrences };
}
