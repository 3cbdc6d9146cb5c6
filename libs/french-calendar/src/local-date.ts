/**
 * Civil (calendar) dates as `YYYY-MM-DD` strings. They sort and compare as
 * strings, carry no time zone, and are what the school calendar and the
 * people using the product talk in. Arithmetic goes through UTC midnights so
 * that no host time zone or DST change can shift a day.
 */
declare const localDateBrand: unique symbol;
/**
 * Branded: a plain string becomes a LocalDate only through `parseLocalDate`
 * or `isLocalDate`, so that no unchecked text reaches the date arithmetic.
 */
export type LocalDate = string & { readonly [localDateBrand]: true };

/** ISO weekday: 1 = Monday ... 7 = Sunday (luxon's numbering). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isLocalDate(value: string): value is LocalDate {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The date `value` names; throws a RangeError when it is not a valid `YYYY-MM-DD` date. */
export function parseLocalDate(value: string, what = 'date'): LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`${what} must be a valid YYYY-MM-DD date, got "${value}"`);
  return value;
}

function toUtcMs(date: LocalDate): number {
  const match = LOCAL_DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`invalid local date "${date}"`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function fromUtcMs(ms: number): LocalDate {
  // The only unchecked LocalDate: toISOString always writes a valid date, and this runs in every loop over days.
  return new Date(ms).toISOString().slice(0, 10) as LocalDate;
}

export function localDate(year: number, month: number, day: number): LocalDate {
  return fromUtcMs(Date.UTC(year, month - 1, day));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

export function weekdayOf(date: LocalDate): Weekday {
  const jsDay = new Date(toUtcMs(date)).getUTCDay(); // 0 = Sunday
  return (jsDay === 0 ? 7 : jsDay) as Weekday;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** Every date from `first` to `last`, both included. */
export function* eachDate(first: LocalDate, last: LocalDate): Generator<LocalDate> {
  for (let date = first; date <= last; date = addDays(date, 1)) yield date;
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}
