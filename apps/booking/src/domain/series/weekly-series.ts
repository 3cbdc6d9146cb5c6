import { RRule, type Options as RRuleOptions } from 'rrule';
import { isLocalDate, parseLocalDate, type LocalDate, type Weekday } from '@salle/french-calendar';
import { isLocalTime, localDateOf, localInstant, PARIS_TIME_ZONE, type LocalTime } from '../time/paris-time';

/**
 * A weekly series in local wall-clock time: "every Thursday 19:00-21:00 from
 * 3 September 2026 to 24 June 2027". The RFC 5545 subset we accept is
 * FREQ=WEEKLY with BYDAY, INTERVAL, and UNTIL or COUNT.
 */
export interface WeeklySeriesSpec {
  /** Local date the series starts from (DTSTART's date). Only days listed in `weekdays` produce occurrences. */
  firstDate: LocalDate;
  /** Local start time of every occurrence. */
  startTime: LocalTime;
  /** Elapsed length of every occurrence, in minutes (at most 24 h). */
  durationMinutes: number;
  weekdays: readonly Weekday[];
  /** Every `interval` weeks (default 1). */
  interval?: number;
  /** Last local date an occurrence may start on, included. */
  until?: LocalDate;
  /** Number of occurrences generated, skipped ones included (RFC 5545 semantics: they become EXDATEs). */
  count?: number;
  timeZone?: string;
}

export interface SeriesOccurrence {
  /** Local date of the start. */
  date: LocalDate;
  start: Date;
  end: Date;
}

/** Upper bound on the occurrences of one series: a school year of several weekly slots stays well below. */
export const MAX_SERIES_OCCURRENCES = 400;

export type SeriesSpecResult = { ok: true; spec: WeeklySeriesSpec } | { ok: false; message: string };

const RRULE_WEEKDAYS = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];

const UNTIL_BEFORE_START = 'La date de fin de la série doit suivre sa date de début.';

/** Checks a series typed by a person; the message is French. */
export function validateWeeklySeries(spec: WeeklySeriesSpec): SeriesSpecResult {
  const fail = (message: string): SeriesSpecResult => ({ ok: false, message });
  if (!isLocalDate(spec.firstDate)) return fail('La date de début de la série est invalide.');
  if (!isLocalTime(spec.startTime) || spec.startTime === '24:00')
    return fail('L’heure de début doit être au format HH:MM.');
  if (!Number.isInteger(spec.durationMinutes) || spec.durationMinutes < 1 || spec.durationMinutes > 1440) {
    return fail('La durée d’une séance doit être comprise entre 1 minute et 24 heures.');
  }
  if (spec.weekdays.length === 0 || spec.weekdays.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
    return fail('Choisissez au moins un jour de la semaine.');
  }
  const interval = spec.interval ?? 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > 52)
    return fail('L’intervalle doit être compris entre 1 et 52 semaines.');
  if ((spec.until === undefined) === (spec.count === undefined)) {
    return fail('Indiquez soit une date de fin, soit un nombre de séances.');
  }
  if (spec.until !== undefined && (!isLocalDate(spec.until) || spec.until < spec.firstDate)) {
    return fail(UNTIL_BEFORE_START);
  }
  if (
    spec.count !== undefined &&
    (!Number.isInteger(spec.count) || spec.count < 1 || spec.count > MAX_SERIES_OCCURRENCES)
  ) {
    return fail(`Le nombre de séances doit être compris entre 1 et ${MAX_SERIES_OCCURRENCES}.`);
  }
  return { ok: true, spec };
}

/**
 * The occurrences of a weekly series, in order. rrule runs in "floating"
 * time: dates whose UTC fields are the local wall-clock fields, so its
 * arithmetic never sees a DST change; each local date is then placed in
 * `timeZone` with luxon. This keeps 19:00 at 19:00 across both changes
 * whatever the host's time zone, which rrule's own `tzid` option does not
 * (its output depends on the process's TZ). A start time inside the
 * spring-forward gap (02:00-03:00) moves one hour later that day.
 */
export function expandWeeklySeries(spec: WeeklySeriesSpec): SeriesOccurrence[] {
  const checked = validateWeeklySeries(spec);
  if (!checked.ok) throw new RangeError(checked.message);
  const timeZone = spec.timeZone ?? PARIS_TIME_ZONE;
  const [year, month, day] = spec.firstDate.split('-').map(Number);
  const [hour, minute] = spec.startTime.split(':').map(Number);
  const options: Partial<RRuleOptions> = {
    freq: RRule.WEEKLY,
    dtstart: new Date(Date.UTC(year, month - 1, day, hour, minute)),
    byweekday: [...new Set(spec.weekdays)].sort((a, b) => a - b).map((weekday) => RRULE_WEEKDAYS[weekday - 1]),
    interval: spec.interval ?? 1,
    wkst: RRule.MO,
  };
  if (spec.count !== undefined) options.count = spec.count;
  if (spec.until !== undefined) {
    const [y, m, d] = spec.until.split('-').map(Number);
    options.until = new Date(Date.UTC(y, m - 1, d, 23, 59, 59, 999));
  }
  const floating = new RRule(options).all((_date, index) => index < MAX_SERIES_OCCURRENCES);
  return floating.map((date) => {
    const localDate = parseLocalDate(date.toISOString().slice(0, 10));
    const start = localInstant(localDate, spec.startTime, timeZone);
    return { date: localDate, start, end: new Date(start.getTime() + spec.durationMinutes * 60_000) };
  });
}

const SUPPORTED_PARTS = new Set(['FREQ', 'BYDAY', 'INTERVAL', 'UNTIL', 'COUNT', 'WKST']);

/**
 * Builds a series from an RFC 5545 RRULE value (`FREQ=WEEKLY;BYDAY=TH;UNTIL=20270624`)
 * and the first date, start time and duration it applies to. BYDAY defaults
 * to the weekday of `firstDate`; UNTIL is read as a local date (a UTC
 * `...Z` value is converted to its Paris date first).
 */
export function weeklySeriesFromRRule(
  rrule: string,
  base: Pick<WeeklySeriesSpec, 'firstDate' | 'startTime' | 'durationMinutes' | 'timeZone'>,
): SeriesSpecResult {
  const value = rrule.trim().replace(/^RRULE:/i, '');
  const parts = new Map(
    value
      .split(';')
      .filter((part) => part !== '')
      .map((part) => {
        const [key, ...rest] = part.split('=');
        return [key.toUpperCase(), rest.join('=')] as const;
      }),
  );
  const unsupported = [...parts.keys()].filter((key) => !SUPPORTED_PARTS.has(key));
  if (unsupported.length > 0)
    return { ok: false, message: `Règle de répétition non prise en charge\u00a0: ${unsupported.join(', ')}.` };
  if (parts.get('FREQ')?.toUpperCase() !== 'WEEKLY')
    return { ok: false, message: 'Seules les séries hebdomadaires (FREQ=WEEKLY) sont prises en charge.' };
  let weekdays: Weekday[] | undefined;
  const byDay = parts.get('BYDAY');
  if (byDay !== undefined) {
    const codes = byDay.toUpperCase().split(',');
    const names = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
    if (codes.some((code) => !names.includes(code)))
      return { ok: false, message: 'BYDAY doit lister des jours sans rang (MO, TU, WE, TH, FR, SA, SU).' };
    weekdays = codes.map((code) => (names.indexOf(code) + 1) as Weekday);
  } else if (isLocalDate(base.firstDate)) {
    weekdays = [(((new Date(`${base.firstDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1) as Weekday];
  }
  const integer = (key: string): number | undefined | null => {
    const raw = parts.get(key);
    if (raw === undefined) return undefined;
    return /^\d+$/.test(raw) ? Number(raw) : null;
  };
  const interval = integer('INTERVAL');
  const count = integer('COUNT');
  if (interval === null || count === null)
    return { ok: false, message: 'INTERVAL et COUNT doivent être des nombres entiers.' };
  let until: LocalDate | undefined;
  const rawUntil = parts.get('UNTIL');
  if (rawUntil !== undefined) {
    const match = /^(\d{4})(\d{2})(\d{2})(T(\d{2})(\d{2})(\d{2})(Z?))?$/i.exec(rawUntil);
    if (!match) return { ok: false, message: 'UNTIL doit être une date AAAAMMJJ ou AAAAMMJJTHHMMSSZ.' };
    const date = `${match[1]}-${match[2]}-${match[3]}`;
    if (!isLocalDate(date)) return { ok: false, message: UNTIL_BEFORE_START };
    until =
      match[8]?.toUpperCase() === 'Z'
        ? localDateOf(new Date(`${date}T${match[5]}:${match[6]}:${match[7]}Z`), base.timeZone ?? PARIS_TIME_ZONE)
        : date;
  }
  return validateWeeklySeries({
    ...base,
    weekdays: weekdays ?? [],
    ...(interval !== undefined ? { interval } : {}),
    ...(count !== undefined ? { count } : {}),
    ...(until !== undefined ? { until } : {}),
  });
}
