import { defaultBookingDataDirectory, loadSchoolCalendar, type SchoolCalendar } from '../domain/calendar';

let loaded: SchoolCalendar | undefined;

/** The official school-holiday calendar shipped in apps/booking/data, read once. */
export function schoolCalendar(): SchoolCalendar {
  loaded ??= loadSchoolCalendar(defaultBookingDataDirectory()).calendar;
  return loaded;
}
