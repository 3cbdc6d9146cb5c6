import { parse } from 'csv-parse/sync';
import { SCHOOL_ZONES, type SchoolZone } from '@salle/contracts';
import { addDays, isLocalDate, weekdayOf, type LocalDate } from '../local-date';

export { SCHOOL_ZONES, type SchoolZone } from '@salle/contracts';

/** One holiday of one zone, as civil dates in Europe/Paris. */
export interface SchoolHolidayPeriod {
  schoolYear: string;
  zone: SchoolZone;
  /** Label as French writes it (`periodLabel`), e.g. `Vacances de la Toussaint`, `Vacances d’hiver`, `Pont de l’Ascension`. */
  period: string;
  /** Official "fin des cours": pupils leave after classes on this day. */
  classesEndAfter: LocalDate;
  /** Official "reprise des cours", or null while it is not published. */
  classesResume: LocalDate | null;
  /** First full day without classes (Saturday when classes end on a Saturday). */
  firstDayOff: LocalDate;
  /** Last day without classes, or null when the end is not published (unknown, not open-ended). */
  lastDayOff: LocalDate | null;
}

/** First day of classes of a school year in a zone. */
export interface SchoolYearStart {
  schoolYear: string;
  zone: SchoolZone;
  classesResume: LocalDate;
}

export interface SchoolCalendarData {
  periods: SchoolHolidayPeriod[];
  yearStarts: SchoolYearStart[];
}

export class SchoolCalendarDataError extends Error {
  override readonly name = 'SchoolCalendarDataError';
}

const HOLIDAY_COLUMNS = [
  'school_year',
  'zone',
  'period',
  'classes_end_after',
  'classes_resume',
  'first_day_off',
  'last_day_off',
] as const;

type HolidayRow = Record<(typeof HOLIDAY_COLUMNS)[number], string>;

/**
 * A period's name as French writes it: the ministry's data capitalises the seasons (« Vacances d'Hiver »,
 * « Vacances de Printemps ») and uses straight apostrophes; people read « Vacances d’hiver ».
 */
export function periodLabel(raw: string): string {
  return raw
    .replace(/'/g, '’')
    .replace(
      /^(Vacances (?:d’|de ))(Hiver|Été|Printemps|Automne)$/u,
      (_all, lead: string, season: string) => `${lead}${season.toLowerCase()}`,
    );
}

/**
 * Reads school-holidays-fr.csv (format in libs/french-calendar/data/README.md) and
 * checks every row against the file's own conventions, so a bad refresh of
 * the data stops the booking service at start instead of opening rooms during class.
 */
export function parseSchoolHolidaysCsv(text: string): SchoolCalendarData {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as HolidayRow[];
  const data: SchoolCalendarData = { periods: [], yearStarts: [] };
  records.forEach((row, index) => {
    const line = index + 2; // header is line 1
    const fail = (problem: string): never => {
      throw new SchoolCalendarDataError(`school-holidays CSV line ${line}: ${problem}`);
    };
    for (const column of HOLIDAY_COLUMNS) if (row[column] === undefined) fail(`missing column ${column}`);
    const yearMatch = /^(\d{4})-(\d{4})$/.exec(row.school_year);
    if (!yearMatch || Number(yearMatch[2]) !== Number(yearMatch[1]) + 1) fail(`bad school_year "${row.school_year}"`);
    if (!SCHOOL_ZONES.includes(row.zone as SchoolZone)) fail(`bad zone "${row.zone}"`);
    const zone = row.zone as SchoolZone;
    const date = (column: (typeof HOLIDAY_COLUMNS)[number]): LocalDate | null => {
      const value = row[column];
      if (value === '') return null;
      return isLocalDate(value) ? value : fail(`bad date in ${column}: "${value}"`);
    };
    const [endAfter, resume, firstOff, lastOff] = [
      date('classes_end_after'),
      date('classes_resume'),
      date('first_day_off'),
      date('last_day_off'),
    ];

    if (row.period.startsWith('Rentrée')) {
      if (!resume || endAfter || firstOff || lastOff) return fail('a rentrée row has classes_resume only');
      data.yearStarts.push({ schoolYear: row.school_year, zone, classesResume: resume });
      return;
    }
    if (!endAfter || !firstOff) return fail('a holiday row needs classes_end_after and first_day_off');
    const expectedFirst = weekdayOf(endAfter) === 6 ? endAfter : addDays(endAfter, 1);
    if (firstOff !== expectedFirst) fail(`first_day_off should be ${expectedFirst}`);
    if ((resume === null) !== (lastOff === null)) fail('classes_resume and last_day_off are both set or both empty');
    if (resume && lastOff !== addDays(resume, -1)) fail(`last_day_off should be ${addDays(resume, -1)}`);
    if (lastOff && lastOff < firstOff) fail('last_day_off is before first_day_off');
    data.periods.push({
      schoolYear: row.school_year,
      zone,
      period: periodLabel(row.period),
      classesEndAfter: endAfter,
      classesResume: resume,
      firstDayOff: firstOff,
      lastDayOff: lastOff,
    });
  });
  return data;
}

/** Reads school-zones-fr.csv into académie → zone. */
export function parseSchoolZonesCsv(text: string): Map<string, SchoolZone> {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Array<{
    academie?: string;
    zone?: string;
  }>;
  const zones = new Map<string, SchoolZone>();
  records.forEach((row, index) => {
    if (!row.academie || !SCHOOL_ZONES.includes(row.zone as SchoolZone)) {
      throw new SchoolCalendarDataError(`school-zones CSV line ${index + 2}: needs an académie and a zone A, B or C`);
    }
    zones.set(row.academie, row.zone as SchoolZone);
  });
  return zones;
}
