import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { addDays, eachDate, parseLocalDate, weekdayOf } from '../local-date';
import {
  defaultSchoolCalendarDirectory,
  loadSchoolCalendar,
  SCHOOL_CALENDAR_DATA_PATH,
  SCHOOL_HOLIDAYS_FILE,
  SCHOOL_ZONES_FILE,
} from './school-calendar-loader';
import { parseSchoolHolidaysCsv, periodLabel, SchoolCalendarDataError } from './school-calendar-parser';
import { zoneOfAcademie } from './school-zones';

const dataDirectory = defaultSchoolCalendarDirectory();
const { calendar, zonesByAcademie } = loadSchoolCalendar();
const csv = readFileSync(path.join(dataDirectory, SCHOOL_HOLIDAYS_FILE), 'utf8');
const HEADER = 'school_year,zone,period,classes_end_after,classes_resume,first_day_off,last_day_off,source_note';

describe('school calendar data', () => {
  it('ships the data in libs/french-calendar/data, where a bundle started at the repository root looks for it', () => {
    const workspaceRoot = path.resolve(__dirname, '../../../..');
    expect(dataDirectory).toBe(path.join(workspaceRoot, SCHOOL_CALENDAR_DATA_PATH));
  });

  it('reads the files from a directory given explicitly', () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'school-calendar-'));
    try {
      for (const file of [SCHOOL_HOLIDAYS_FILE, SCHOOL_ZONES_FILE])
        copyFileSync(path.join(dataDirectory, file), path.join(elsewhere, file));
      const loaded = loadSchoolCalendar(elsewhere);
      expect(loaded.calendar.coverage('A')).toEqual(calendar.coverage('A'));
      expect(loaded.zonesByAcademie).toEqual(zonesByAcademie);
      expect(() => loadSchoolCalendar(path.join(elsewhere, 'missing'))).toThrow(/ENOENT/);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('loads the 81 rows of the shipped CSV: 12 rentrées and 69 holidays', () => {
    const data = parseSchoolHolidaysCsv(csv);
    expect(data.yearStarts).toHaveLength(12);
    expect(data.periods).toHaveLength(69);
  });

  it('counts every day of every published holiday as a holiday of its zone', () => {
    for (const period of parseSchoolHolidaysCsv(csv).periods) {
      if (!period.lastDayOff) continue;
      for (const date of eachDate(period.firstDayOff, period.lastDayOff)) {
        expect([period.zone, date, calendar.isSchoolHoliday(period.zone, date)]).toEqual([period.zone, date, 'yes']);
      }
      expect(calendar.isSchoolHoliday(period.zone, addDays(period.firstDayOff, -1))).toBe('no');
      expect(calendar.isSchoolHoliday(period.zone, addDays(period.lastDayOff, 1))).toBe('no');
    }
  });

  it.each([
    [
      'first_day_off not derived from a Saturday end',
      '2026-2027,A,Vacances de Noël,2026-12-19,2027-01-04,2026-12-20,2027-01-03,x',
    ],
    [
      'first_day_off not the day after a weekday end',
      "2026-2027,A,Pont de l'Ascension,2027-05-05,2027-05-10,2027-05-05,2027-05-09,x",
    ],
    [
      'last_day_off not the day before resume',
      '2026-2027,A,Vacances de Noël,2026-12-19,2027-01-04,2026-12-19,2027-01-04,x',
    ],
    ['resume without last_day_off', '2026-2027,A,Vacances de Noël,2026-12-19,2027-01-04,2026-12-19,,x'],
    ['an unknown zone', '2026-2027,D,Vacances de Noël,2026-12-19,2027-01-04,2026-12-19,2027-01-03,x'],
    ['an impossible date', '2026-2027,A,Vacances de Noël,2026-12-19,2027-02-30,2026-12-19,2027-02-29,x'],
    ['a rentrée with holiday dates', '2026-2027,A,Rentrée scolaire des élèves,2026-08-30,2026-09-01,,,x'],
    ['a school year that is not two consecutive years', '2026-2028,A,Rentrée scolaire des élèves,,2026-09-01,,,x'],
  ])('refuses a file with %s, naming the line', (_case, row) => {
    expect(() => parseSchoolHolidaysCsv(`${HEADER}\n${row}\n`)).toThrow(SchoolCalendarDataError);
    expect(() => parseSchoolHolidaysCsv(`${HEADER}\n${row}\n`)).toThrow(/line 2/);
  });
});

describe('periodLabel', () => {
  it('writes the periods as French does: seasons in lower case, typographic apostrophes', () => {
    expect(periodLabel("Vacances d'Hiver")).toBe('Vacances d’hiver');
    expect(periodLabel("Vacances d'Été")).toBe('Vacances d’été');
    expect(periodLabel('Vacances de Printemps')).toBe('Vacances de printemps');
    expect(periodLabel('Vacances de Noël')).toBe('Vacances de Noël');
    expect(periodLabel('Vacances de la Toussaint')).toBe('Vacances de la Toussaint');
    expect(periodLabel("Pont de l'Ascension")).toBe('Pont de l’Ascension');
  });

  it('knows when a school year ends: the last day of classes before the summer', () => {
    expect(calendar.schoolYearEnd('A', parseLocalDate('2026-12-06'))).toBe('2027-07-03');
    expect(calendar.schoolYearEnd('A', parseLocalDate('2027-07-03'))).toBe('2027-07-03');
    expect(calendar.schoolYearEnd('A', parseLocalDate('2027-08-01'))).toBe('2028-07-04');
    expect(calendar.schoolYearEnd('A', parseLocalDate('2030-01-10'))).toBeNull();
  });

  it('is how the calendar names a holiday', () => {
    expect(calendar.holidayPeriodOn('A', parseLocalDate('2027-02-20'))?.period).toBe('Vacances d’hiver');
  });
});

describe('school holidays and school days (zone A, Isère)', () => {
  it('knows the calendar from the 2024 rentrée to the last day before the unpublished end of summer 2028', () => {
    expect(calendar.coverage('A')).toEqual({ first: '2024-09-02', last: '2028-07-04' });
  });

  it('starts a holiday on the Saturday when classes end on a Saturday', () => {
    expect(calendar.isSchoolHoliday('A', parseLocalDate('2026-10-16'))).toBe('no');
    expect(calendar.isSchoolDay('A', parseLocalDate('2026-10-16'))).toBe('yes');
    expect(calendar.isSchoolHoliday('A', parseLocalDate('2026-10-17'))).toBe('yes');
    expect(calendar.holidayPeriodOn('A', parseLocalDate('2026-10-17'))?.period).toBe('Vacances de la Toussaint');
    expect(calendar.isSchoolHoliday('A', parseLocalDate('2026-11-01'))).toBe('yes');
    expect(calendar.isSchoolDay('A', parseLocalDate('2026-11-02'))).toBe('yes');
  });

  it('treats the Ascension bridge: Wednesday is a school day, Thursday to Sunday are off', () => {
    expect(calendar.isSchoolDay('A', parseLocalDate('2026-05-13'))).toBe('yes');
    expect(calendar.isSchoolHoliday('A', parseLocalDate('2026-05-14'))).toBe('yes');
    expect(calendar.isSchoolDay('A', parseLocalDate('2026-05-15'))).toBe('no');
    expect(calendar.holidayPeriodOn('A', parseLocalDate('2026-05-15'))?.period).toBe('Pont de l’Ascension');
    expect(calendar.isSchoolDay('A', parseLocalDate('2026-05-18'))).toBe('yes');
  });

  it('keeps Friday 26 May 2028 a school day: the 2028 bridge is not confirmed', () => {
    expect(calendar.isSchoolDay('A', parseLocalDate('2028-05-25'))).toBe('no'); // Ascension, public holiday
    expect(calendar.isSchoolDay('A', parseLocalDate('2028-05-26'))).toBe('yes');
  });

  it('never counts Saturday, Sunday or a public holiday as a school day', () => {
    expect(calendar.isSchoolDay('A', parseLocalDate('2026-10-10'))).toBe('no');
    expect(calendar.isSchoolDay('A', parseLocalDate('2026-10-11'))).toBe('no');
    expect(calendar.isSchoolHoliday('A', parseLocalDate('2026-11-11'))).toBe('no');
    expect(calendar.isSchoolDay('A', parseLocalDate('2026-11-11'))).toBe('no');
    expect(calendar.isTermDay('A', parseLocalDate('2026-11-11'))).toBe('no');
    expect(calendar.isTermDay('A', parseLocalDate('2026-10-10'))).toBe('yes');
  });

  it('reports the unpublished end of summer 2028 and dates before 2024 as unknown, not as holiday', () => {
    expect(calendar.isSchoolDay('A', parseLocalDate('2028-07-04'))).toBe('yes');
    expect(calendar.isSchoolHoliday('A', parseLocalDate('2028-07-05'))).toBe('unknown');
    expect(calendar.isSchoolDay('A', parseLocalDate('2028-07-05'))).toBe('unknown');
    expect(calendar.holidayPeriodOn('A', parseLocalDate('2028-07-05'))).toBeNull();
    expect(calendar.isSchoolHoliday('A', parseLocalDate('2028-09-04'))).toBe('unknown');
    expect(calendar.isSchoolHoliday('A', parseLocalDate('2024-08-30'))).toBe('unknown');
    // what is certain stays certain: weekends and public holidays have no classes
    expect(calendar.isSchoolDay('A', parseLocalDate('2028-07-08'))).toBe('no');
    expect(calendar.isSchoolDay('A', parseLocalDate('2028-07-14'))).toBe('no');
  });

  it('follows the rentrée: summer 2026 ends on Monday 31 August, classes resume on Tuesday 1 September', () => {
    expect(calendar.isSchoolHoliday('A', parseLocalDate('2026-08-31'))).toBe('yes');
    expect(calendar.isSchoolDay('A', parseLocalDate('2026-09-01'))).toBe('yes');
  });

  it('distinguishes zones and the Tuesday resumption after Easter Monday 2025 in zone B', () => {
    expect(calendar.isSchoolHoliday('A', parseLocalDate('2026-02-16'))).toBe('yes');
    expect(calendar.isSchoolHoliday('C', parseLocalDate('2026-02-16'))).toBe('no');
    expect(calendar.isSchoolHoliday('B', parseLocalDate('2025-04-21'))).toBe('yes');
    expect(calendar.isSchoolDay('B', parseLocalDate('2025-04-22'))).toBe('yes');
  });

  it("lists a zone's holiday periods in date order, the summer with an unpublished end last", () => {
    const periods = calendar.forZone('A').holidayPeriods();
    expect(periods).toHaveLength(23);
    expect(periods.map((period) => period.firstDayOff)).toEqual(periods.map((period) => period.firstDayOff).sort());
    expect(periods.every((period) => period.zone === 'A')).toBe(true);
    expect(periods[0]).toMatchObject({
      period: 'Vacances de la Toussaint',
      firstDayOff: '2024-10-19',
      lastDayOff: '2024-11-03',
    });
    expect(periods.at(-1)).toMatchObject({ schoolYear: '2027-2028', lastDayOff: null, classesResume: null });
    expect(calendar.holidayPeriods('B')).not.toEqual(periods);
  });

  it('adds the Alsace-Moselle public holidays in a zone view on request', () => {
    expect(calendar.forZone('B').isSchoolDay(parseLocalDate('2026-04-03'))).toBe('yes');
    const moselle = calendar.forZone('B', { alsaceMoselle: true });
    expect(moselle.isSchoolDay(parseLocalDate('2026-04-03'))).toBe('no');
    expect(moselle.publicHolidayOn(parseLocalDate('2026-04-03'))).toBe('Vendredi saint');
  });

  it('answers consistently on any date: a school day is a weekday that is neither holiday nor public holiday', () => {
    const dates = fc.integer({ min: 0, max: 1800 }).map((offset) => addDays(parseLocalDate('2024-06-01'), offset));
    fc.assert(
      fc.property(dates, fc.constantFrom('A' as const, 'B' as const, 'C' as const), (date, zone) => {
        const schoolDay = calendar.isSchoolDay(zone, date);
        const holiday = calendar.isSchoolHoliday(zone, date);
        if (schoolDay === 'yes') {
          expect(weekdayOf(date)).toBeLessThanOrEqual(5);
          expect(holiday).toBe('no');
        }
        if (holiday === 'yes') expect(schoolDay).toBe('no');
        if (holiday === 'unknown' && weekdayOf(date) <= 5 && calendar.forZone(zone).publicHolidayOn(date) === null) {
          expect(schoolDay).toBe('unknown');
        }
      }),
    );
  });
});

describe('académie zones', () => {
  it('finds the zone of an académie by name, whatever the spelling', () => {
    expect(zonesByAcademie.size).toBe(24);
    expect(zoneOfAcademie(zonesByAcademie, 'Grenoble')).toBe('A');
    expect(zoneOfAcademie(zonesByAcademie, 'Académie de Créteil')).toBe('C');
    expect(zoneOfAcademie(zonesByAcademie, 'orleans-tours')).toBe('B');
    expect(zoneOfAcademie(zonesByAcademie, 'Académie d’Aix-Marseille')).toBe('B');
  });

  it('maps the former Caen and Rouen académies to Normandie and knows nothing of Corse', () => {
    expect(zoneOfAcademie(zonesByAcademie, 'Caen')).toBe('B');
    expect(zoneOfAcademie(zonesByAcademie, 'Rouen')).toBe('B');
    expect(zoneOfAcademie(zonesByAcademie, 'Corse')).toBeNull();
  });
});
