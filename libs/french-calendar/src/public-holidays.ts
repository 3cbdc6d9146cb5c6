import { addDays, localDate, yearOf, type LocalDate } from './local-date';

export interface PublicHoliday {
  date: LocalDate;
  name: string;
}

export interface PublicHolidayOptions {
  /** Adds Vendredi saint and Saint-Étienne (Bas-Rhin, Haut-Rhin, Moselle). */
  alsaceMoselle?: boolean;
}

/**
 * Easter Sunday of the Gregorian calendar (anonymous algorithm published by
 * Meeus, Jones and Butcher), valid for every year from 1583.
 */
export function easterSunday(year: number): LocalDate {
  if (!Number.isInteger(year) || year < 1583)
    throw new RangeError(`Easter is computed for Gregorian years from 1583, got ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return localDate(year, month, day);
}

/**
 * The public holidays (jours fériés) of metropolitan France in `year`, by
 * date: the 11 of Code du travail art. L3133-1, plus the two Alsace-Moselle
 * ones on request. Lundi de Pentecôte stays a holiday (no classes) even where
 * employers use it as the journée de solidarité.
 */
export function frenchPublicHolidays(year: number, options: PublicHolidayOptions = {}): PublicHoliday[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number, name: string): PublicHoliday => ({
    date: localDate(year, month, day),
    name,
  });
  const holidays: PublicHoliday[] = [
    fixed(1, 1, 'Jour de l’an'),
    { date: addDays(easter, 1), name: 'Lundi de Pâques' },
    fixed(5, 1, 'Fête du Travail'),
    fixed(5, 8, 'Victoire 1945'),
    { date: addDays(easter, 39), name: 'Ascension' },
    { date: addDays(easter, 50), name: 'Lundi de Pentecôte' },
    fixed(7, 14, 'Fête nationale'),
    fixed(8, 15, 'Assomption'),
    fixed(11, 1, 'Toussaint'),
    fixed(11, 11, 'Armistice 1918'),
    fixed(12, 25, 'Noël'),
  ];
  if (options.alsaceMoselle) {
    holidays.push({ date: addDays(easter, -2), name: 'Vendredi saint' }, fixed(12, 26, 'Saint-Étienne'));
  }
  return holidays.sort((x, y) => x.date.localeCompare(y.date));
}

const cache = new Map<string, Map<LocalDate, string>>();

/** The name of the public holiday on `date`, or null. */
export function publicHolidayOn(date: LocalDate, options: PublicHolidayOptions = {}): string | null {
  const year = yearOf(date);
  const key = `${year}:${options.alsaceMoselle ? 'am' : 'm'}`;
  let byDate = cache.get(key);
  if (!byDate) {
    byDate = new Map(frenchPublicHolidays(year, options).map((holiday) => [holiday.date, holiday.name]));
    cache.set(key, byDate);
  }
  return byDate.get(date) ?? null;
}

export function isPublicHoliday(date: LocalDate, options: PublicHolidayOptions = {}): boolean {
  return publicHolidayOn(date, options) !== null;
}
