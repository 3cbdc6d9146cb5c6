/**
 * Dates and times as people in the département read and type them: Europe/Paris
 * wall-clock time, daylight saving included, whatever the browser's own zone.
 * A "local date" is `YYYY-MM-DD`, a "local time" `HH:MM`.
 */
export const PARIS_TIME_ZONE = 'Europe/Paris';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date): WallClock {
  const parts: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year'] ?? 0,
    month: parts['month'] ?? 1,
    day: parts['day'] ?? 1,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  };
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');
const toDate = (value: Date | string) => (typeof value === 'string' ? new Date(value) : value);

/** Offset of Paris from UTC at that instant, in minutes (60 in winter, 120 in summer). */
export function parisOffsetMinutes(instant: Date): number {
  const wall = wallClock(instant);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** Paris calendar date of an instant. */
export function parisDateOf(instant: Date | string): string {
  const wall = wallClock(toDate(instant));
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** Paris wall-clock time (HH:MM) of an instant. */
export function parisTimeOf(instant: Date | string): string {
  const wall = wallClock(toDate(instant));
  return `${pad(wall.hour)}:${pad(wall.minute)}`;
}

export function todayInParis(now: Date = new Date()): string {
  return parisDateOf(now);
}

function parseLocal(date: string, time: string): { utcGuess: number } {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const timeMatch = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dateMatch || !timeMatch) throw new RangeError(`invalid local date-time: ${date} ${time}`);
  const [, year, month, day] = dateMatch.map(Number) as [number, number, number, number];
  const [, hour, minute] = timeMatch.map(Number) as [number, number, number];
  return { utcGuess: Date.UTC(year, month - 1, day, hour, minute) };
}

/**
 * The instant a Paris wall-clock time designates. In the autumn hour that
 * happens twice the first (summer-time) one is chosen; a time skipped in
 * spring (02:30 on the last Sunday of March) moves forward by the gap, as
 * a clock would.
 */
export function parisInstant(date: string, time: string): Date {
  const { utcGuess } = parseLocal(date, time);
  // The offset a few hours earlier is the one before any change that night.
  const earlier = utcGuess - parisOffsetMinutes(new Date(utcGuess - 3 * 60 * 60_000)) * 60_000;
  const laterOffset = parisOffsetMinutes(new Date(earlier));
  const later = utcGuess - laterOffset * 60_000;
  if (later === earlier) return new Date(earlier);
  // Past a change: the later offset is right unless the time does not exist (spring gap).
  return parisTimeOf(new Date(later)) === time ? new Date(later) : new Date(earlier);
}

/** ISO 8601 with Paris's explicit offset, as the API expects: `2026-03-02T18:00:00+01:00`. */
export function parisIso(date: string, time: string): string {
  const instant = parisInstant(date, time);
  const offset = parisOffsetMinutes(instant);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${parisDateOf(instant)}T${parisTimeOf(instant)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A local date moved by whole calendar days. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return `${pad(moved.getUTCFullYear(), 4)}-${pad(moved.getUTCMonth() + 1)}-${pad(moved.getUTCDate())}`;
}

/** ISO weekday of a local date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Monday of the week holding that local date. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** Whole days from one local date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Minutes between two instants. */
export function minutesBetween(start: Date | string, end: Date | string): number {
  return Math.round((toDate(end).getTime() - toDate(start).getTime()) / 60_000);
}

const monthFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'long', year: 'numeric' });
const shortMonthFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'short' });

// Dates, times and durations people read are written once, in `@salle/contracts` (the e-mails and
// receipts write them the same way): « mardi 1er mars 2026 », « 19 h 30 » with no-break spaces.
export {
  frenchDate as formatDate,
  frenchShortDate as formatShortDate,
  frenchTime as formatTime,
  frenchTimeRange as formatTimeRange,
  frenchDateTime as formatDateTime,
  frenchSlot as formatSlot,
  frenchDuration as formatDuration,
} from '@salle/contracts/browser';

/** « mars 2026 » from `2026-03` */
export function formatMonth(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

/** « mars » from `2026-03`, for chart axes */
export function formatShortMonth(month: string): string {
  return shortMonthFormat.format(new Date(`${month}-01T00:00:00Z`));
}
