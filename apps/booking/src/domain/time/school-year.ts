import { parseLocalDate } from '@salle/french-calendar';
import { localDateOf, localInstant, PARIS_TIME_ZONE, START_OF_DAY } from './paris-time';

/**
 * A school year, named by the calendar year it starts in: 2026 is 1 September 2026 (00:00, Paris) to 31 August
 * 2027 included. The framework convention of an organisation at a collège covers one school year.
 */
export type SchoolYear = number;

/** The school year `instant` falls in, by the Paris calendar date: September to December open a year. */
export function schoolYearOf(instant: Date): SchoolYear {
  const date = localDateOf(instant, PARIS_TIME_ZONE);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 9 ? year : year - 1;
}

/** The first instant of `year` and the first instant of the next one (1 September, 00:00 Paris, both). */
export function schoolYearBounds(year: SchoolYear): { start: Date; end: Date } {
  return {
    start: localInstant(parseLocalDate(`${year}-09-01`), START_OF_DAY),
    end: localInstant(parseLocalDate(`${year + 1}-09-01`), START_OF_DAY),
  };
}

/** How a school year is written in French documents: « 2026-2027 ». */
export function schoolYearLabel(year: SchoolYear): string {
  return `${year}-${year + 1}`;
}
