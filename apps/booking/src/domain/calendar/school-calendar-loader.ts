import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSchoolHolidaysCsv, parseSchoolZonesCsv, type SchoolZone } from './school-calendar-parser';
import { SchoolCalendar } from './school-calendar';

export const SCHOOL_HOLIDAYS_FILE = 'school-holidays-fr.csv';
export const SCHOOL_ZONES_FILE = 'school-zones-fr.csv';

export interface LoadedSchoolCalendar {
  calendar: SchoolCalendar;
  zonesByAcademie: Map<string, SchoolZone>;
}

/** Reads and checks the two CSV files of `directory` (apps/booking/data in the repository). */
export function loadSchoolCalendar(directory: string): LoadedSchoolCalendar {
  const read = (file: string) => readFileSync(path.join(directory, file), 'utf8');
  return {
    calendar: new SchoolCalendar(parseSchoolHolidaysCsv(read(SCHOOL_HOLIDAYS_FILE))),
    zonesByAcademie: parseSchoolZonesCsv(read(SCHOOL_ZONES_FILE)),
  };
}

/**
 * apps/booking/data, found from the sources (tests, ts runners) or from a
 * process started at the repository root (the bundled dist/ build). A
 * deployment that moves the files passes their directory explicitly.
 */
export function defaultBookingDataDirectory(): string {
  const candidates = [path.resolve(__dirname, '../../../data'), path.resolve(process.cwd(), 'apps/booking/data')];
  const found = candidates.find((candidate) => existsSync(path.join(candidate, SCHOOL_HOLIDAYS_FILE)));
  if (!found) throw new Error(`booking data files not found; looked in ${candidates.join(', ')}`);
  return found;
}
