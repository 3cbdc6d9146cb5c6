import { frenchDate, frenchDateTime } from '@salle/contracts';
import { DateTime } from 'luxon';
import { parseLocalDate, type LocalDate } from '@salle/french-calendar';
import { BoundedMemo } from '@salle/runtime';

/** The zone every rule, message and school day of the product is expressed in. */
export const PARIS_TIME_ZONE = 'Europe/Paris';

declare const localTimeBrand: unique symbol;
/**
 * A wall-clock time `HH:mm`, `24:00` allowed as the end of a day. Branded: a
 * plain string becomes a LocalTime only through `parseLocalTime` or `isLocalTime`.
 */
export type LocalTime = string & { readonly [localTimeBrand]: true };

const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export function isLocalTime(value: string): value is LocalTime {
  return LOCAL_TIME_PATTERN.test(value);
}

/** The time `value` names; throws a RangeError when it is not `HH:mm` (00:00 to 24:00). */
export function parseLocalTime(value: string): LocalTime {
  if (!isLocalTime(value)) throw new RangeError(`time must be HH:mm (00:00 to 24:00), got "${value}"`);
  return value;
}

/** The start of a day, and its end (the next day's midnight, as a day's last window ends). */
export const START_OF_DAY = parseLocalTime('00:00');
export const END_OF_DAY = parseLocalTime('24:00');

/** Minutes since local midnight of a `HH:mm` wall-clock time (`24:00` = 1440). */
export function minutesOfDay(time: LocalTime): number {
  parseLocalTime(time); // still checked: rows read from the database are typed, not parsed
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * The instant at which the wall clock of `timeZone` shows `time` on `date`.
 * A time inside the spring-forward gap (02:00-03:00 on the last Sunday of
 * March in Paris) does not exist and moves one hour later; a time repeated
 * by the autumn change (02:00-03:00 on the last Sunday of October) resolves
 * to its first occurrence, +02:00 in Paris, as RFC 5545 (§3.3.5) and
 * python-dateutil do (luxon alone would take the second).
 */
export function localInstant(date: LocalDate, time: LocalTime, timeZone: string = PARIS_TIME_ZONE): Date {
  // Time-zone offsets cost an Intl lookup each: availability asks for the same
  // few (date, time) pairs thousands of times per search, so answers are kept.
  return new Date(
    instants.get(`${timeZone} ${date} ${time}`, () => computeLocalInstant(date, time, timeZone).getTime()),
  );
}

const instants = new BoundedMemo<string, number>(200_000);

function computeLocalInstant(date: LocalDate, time: LocalTime, timeZone: string): Date {
  const minutes = minutesOfDay(time);
  const [year, month, day] = date.split('-').map(Number);
  const wall = DateTime.fromObject(
    { year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    { zone: timeZone },
  );
  if (!wall.isValid) throw new RangeError(`cannot place ${date} ${time} in ${timeZone}: ${wall.invalidExplanation}`);
  return earliestOccurrence(wall).toJSDate();
}

/**
 * The first instant at which the wall clock shows `wall`'s time: when the
 * clock went back by `offset change` minutes just after it, the same wall time
 * also came that much earlier, under the previous (larger) offset.
 */
function earliestOccurrence(wall: DateTime): DateTime {
  const before = DateTime.fromMillis(wall.toMillis() - 3 * 3600_000, { zone: wall.zone });
  const shift = before.offset - wall.offset;
  if (shift <= 0) return wall;
  const earlier = DateTime.fromMillis(wall.toMillis() - shift * 60_000, { zone: wall.zone });
  return earlier.toFormat('yyyy-MM-dd HH:mm') === wall.toFormat('yyyy-MM-dd HH:mm') ? earlier : wall;
}

/** The civil date that the wall clock of `timeZone` shows at `instant`. */
export function localDateOf(instant: Date, timeZone: string = PARIS_TIME_ZONE): LocalDate {
  return parseLocalDate(dateFormatter(timeZone).format(instant));
}

/** The Paris calendar date of `now`, to compare with dates people typed (e.g. an insurance's end). */
export function parisToday(now: Date = new Date()): LocalDate {
  return localDateOf(now, PARIS_TIME_ZONE);
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** `en-CA` formats dates as YYYY-MM-DD; one formatter per zone, since building one is costly. */
function dateFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The `HH:mm` that the wall clock of `timeZone` shows at `instant`. */
export function localTimeOf(instant: Date, timeZone: string = PARIS_TIME_ZONE): LocalTime {
  return parseLocalTime(DateTime.fromJSDate(instant, { zone: timeZone }).toFormat('HH:mm'));
}

/** A French rendering of an instant for messages, e.g. `dimanche 25 octobre 2026 à 18:00`. */
export function formatFrenchDateTime(instant: Date): string {
  return frenchDateTime(instant);
}

/** A French rendering of a civil date for messages, e.g. `lundi 25 mai 2026`. */
export function formatFrenchDate(date: LocalDate): string {
  return frenchDate(date);
}
