import { loadSchoolCalendar, type SchoolCalendar } from '../domain/calendar';

let loaded: SchoolCalendar | undefined;

/** The official school-holiday calendar shipped in libs/french-calendar/data, read once. */
export function schoolCalendar(): SchoolCalendar {
  loaded ??= loadSchoolCalendar().calendar;
  return loaded;
}
