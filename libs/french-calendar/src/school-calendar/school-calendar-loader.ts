import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSchoolHolidaysCsv, parseSchoolZonesCsv, type SchoolZone } from './school-calendar-parser';
import { SchoolCalendar } from './school-calendar';

export const SCHOOL_HOLIDAYS_FILE = 'school-holidays-fr.csv';
export const SCHOOL_ZONES_FILE = 'school-zones-fr.csv';

/** Where the data files sit relative to the repository root (and to the working directory of a bundled app). */
export const SCHOOL_CALENDAR_DATA_PATH = 'libs/french-calendar/data';

export interface LoadedSchoolCalendar {
  calendar: SchoolCalendar;
  zonesByAcademie: Map<string, SchoolZone>;
}

/**
 * libs/french-calendar/data, found from the sources (jest, ts runners), from
 * a bundle in dist/apps/<app>/ of the repository or of a Docker image that
 * keeps the same layout (where `__dirname` is the bundle's folder), or from a
 * process started at the root of either. A deployment that moves the files
 * passes their directory to `loadSchoolCalendar` instead.
 */
export function defaultSchoolCalendarDirectory(): string {
  const candidates = [
    path.resolve(__dirname, '../../data'),
    path.resolve(__dirname, '../../..', SCHOOL_CALENDAR_DATA_PATH),
    path.resolve(process.cwd(), SCHOOL_CALENDAR_DATA_PATH),
  ];
  const found = candidates.find((candidate) => existsSync(path.join(candidate, SCHOOL_HOLIDAYS_FILE)));
  if (!found) throw new Error(`school calendar data files not found; looked in ${candidates.join(', ')}`);
  return found;
}

/** Reads and checks the two CSV files of `directory` (libs/french-calendar/data unless told otherwise). */
export function loadSchoolCalendar(directory: string = defaultSchoolCalendarDirectory()): LoadedSchoolCalendar {
  const read = (file: string) => readFileSync(path.join(directory, file), 'utf8');
  return {
    calendar: new SchoolCalendar(parseSchoolHolidaysCsv(read(SCHOOL_HOLIDAYS_FILE))),
    zonesByAcademie: parseSchoolZonesCsv(read(SCHOOL_ZONES_FILE)),
  };
}
