import type { TimeStep } from '@salle/contracts';
import { isLocalDate, type LocalDate, type Weekday } from '@salle/french-calendar';
import { isLocalTime, minutesOfDay, PARIS_TIME_ZONE, parseLocalTime, type LocalTime } from '../time/paris-time';

/** A weekly opening window in local wall-clock time, e.g. Monday to Friday 18:00-22:00. */
export interface WeeklyWindow {
  weekdays: readonly Weekday[];
  start: LocalTime;
  /** After `start`; `24:00` ends at midnight. A window never crosses midnight: add one on the next day. */
  end: LocalTime;
}

/** A period during which the space cannot be booked at all (works, exams, the collège's own use...). */
export interface Closure {
  start: Date;
  end: Date;
  /** Shown to the person whose request it blocks, in French. */
  reason: string;
}

/**
 * When a space may be booked. All times are wall-clock times of `timeZone`
 * (Europe/Paris), so 18:00 stays 18:00 across DST changes.
 */
export interface OpeningRules {
  timeZone?: string;
  /** First local day the rules apply (inclusive); open-ended when absent. */
  validFrom?: LocalDate | null;
  /** Last local day the rules apply (inclusive); open-ended when absent. */
  validUntil?: LocalDate | null;
  /** Windows of ordinary days (term time and days the calendar does not know). */
  weeklyWindows: readonly WeeklyWindow[];
  /**
   * Windows that replace `weeklyWindows` on school-holiday days. Absent: the
   * weekly windows apply during holidays too; empty: closed during holidays.
   */
  holidayWindows?: readonly WeeklyWindow[] | null;
  closures?: readonly Closure[];
  /** Keep bookings out of school hours on term days (default true, the legal frame of L213-2-2). */
  outsideSchoolTime?: boolean;
  /** When pupils are in the building on a term day (default Monday to Friday 08:00-18:00). */
  schoolHours?: readonly WeeklyWindow[];
  /** Closed on public holidays (default true). */
  closedOnPublicHolidays?: boolean;
  minDurationMinutes?: number | null;
  maxDurationMinutes?: number | null;
  /** How long before its start a slot may still be requested. */
  minNoticeMinutes?: number | null;
  /** How far ahead a slot may start, in days of 24 hours from now. */
  maxHorizonDays?: number | null;
  /** The grid, in minutes, on which a slot starts and ends (`timeStepOf` in @salle/contracts); absent: any minute. */
  timeStep?: TimeStep | null;
}

export const DEFAULT_SCHOOL_HOURS: readonly WeeklyWindow[] = [
  { weekdays: [1, 2, 3, 4, 5], start: parseLocalTime('08:00'), end: parseLocalTime('18:00') },
];

/** Rules with every default filled in. */
export interface ResolvedOpeningRules {
  timeZone: string;
  validFrom: LocalDate | null;
  validUntil: LocalDate | null;
  weeklyWindows: readonly WeeklyWindow[];
  holidayWindows: readonly WeeklyWindow[] | null;
  closures: readonly Closure[];
  outsideSchoolTime: boolean;
  schoolHours: readonly WeeklyWindow[];
  closedOnPublicHolidays: boolean;
  minDurationMinutes: number | null;
  maxDurationMinutes: number | null;
  minNoticeMinutes: number | null;
  maxHorizonDays: number | null;
  timeStep: TimeStep | null;
}

export function resolveOpeningRules(rules: OpeningRules): ResolvedOpeningRules {
  return {
    timeZone: rules.timeZone ?? PARIS_TIME_ZONE,
    validFrom: rules.validFrom ?? null,
    validUntil: rules.validUntil ?? null,
    weeklyWindows: rules.weeklyWindows,
    holidayWindows: rules.holidayWindows ?? null,
    closures: rules.closures ?? [],
    outsideSchoolTime: rules.outsideSchoolTime ?? true,
    schoolHours: rules.schoolHours ?? DEFAULT_SCHOOL_HOURS,
    closedOnPublicHolidays: rules.closedOnPublicHolidays ?? true,
    minDurationMinutes: rules.minDurationMinutes ?? null,
    maxDurationMinutes: rules.maxDurationMinutes ?? null,
    minNoticeMinutes: rules.minNoticeMinutes ?? null,
    maxHorizonDays: rules.maxHorizonDays ?? null,
    timeStep: rules.timeStep ?? null,
  };
}

export interface RuleProblem {
  /** Dotted path of the offending field, e.g. `weeklyWindows.0.end`. */
  path: string;
  message: string;
}

/** Checks rules entered by a manager; returns French messages, empty when the rules are usable. */
export function validateOpeningRules(rules: OpeningRules): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const checkWindows = (windows: readonly WeeklyWindow[] | null | undefined, field: string) => {
    (windows ?? []).forEach((window, index) => {
      const at = `${field}.${index}`;
      if (window.weekdays.length === 0 || window.weekdays.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
        problems.push({ path: `${at}.weekdays`, message: 'Choisissez au moins un jour de la semaine.' });
      }
      const startOk = isLocalTime(window.start) && window.start !== '24:00';
      if (!startOk) problems.push({ path: `${at}.start`, message: 'L’heure de début doit être au format HH:MM.' });
      if (!isLocalTime(window.end))
        problems.push({ path: `${at}.end`, message: 'L’heure de fin doit être au format HH:MM.' });
      else if (startOk && minutesOfDay(window.end) <= minutesOfDay(window.start)) {
        problems.push({
          path: `${at}.end`,
          message:
            'L’heure de fin doit être après l’heure de début (pour dépasser minuit, ajoutez une plage le lendemain).',
        });
      }
    });
  };
  checkWindows(rules.weeklyWindows, 'weeklyWindows');
  checkWindows(rules.holidayWindows, 'holidayWindows');
  checkWindows(rules.schoolHours, 'schoolHours');
  for (const field of ['validFrom', 'validUntil'] as const) {
    const value = rules[field];
    if (value && !isLocalDate(value))
      problems.push({ path: field, message: 'La date doit être au format AAAA-MM-JJ.' });
  }
  if (rules.validFrom && rules.validUntil && rules.validUntil < rules.validFrom) {
    problems.push({ path: 'validUntil', message: 'La fin de validité doit suivre le début de validité.' });
  }
  (rules.closures ?? []).forEach((closure, index) => {
    if (!(closure.end.getTime() > closure.start.getTime())) {
      problems.push({ path: `closures.${index}.end`, message: 'La fin de la fermeture doit suivre son début.' });
    }
    if (closure.reason.trim() === '') {
      problems.push({ path: `closures.${index}.reason`, message: 'Indiquez le motif de la fermeture.' });
    }
  });
  for (const field of ['minDurationMinutes', 'maxDurationMinutes', 'minNoticeMinutes', 'maxHorizonDays'] as const) {
    const value = rules[field];
    if (value !== null && value !== undefined && (!Number.isInteger(value) || value < 0)) {
      problems.push({ path: field, message: 'La valeur doit être un nombre entier positif.' });
    }
  }
  if (rules.minDurationMinutes && rules.maxDurationMinutes && rules.maxDurationMinutes < rules.minDurationMinutes) {
    problems.push({
      path: 'maxDurationMinutes',
      message: 'La durée maximale doit être au moins égale à la durée minimale.',
    });
  }
  return problems;
}
