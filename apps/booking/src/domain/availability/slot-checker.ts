import { frenchTime, offStepMessage, type TimeStep } from '@salle/contracts';
import type { ZoneCalendar } from '../calendar';
import { eachDate, type LocalDate } from '@salle/french-calendar';
import { covers, overlaps, unionIntervals, type TimeInterval } from '../time/interval-set';
import { formatFrenchDate, formatFrenchDateTime, localDateOf, localTimeOf } from '../time/paris-time';
import { planDay, type DayPlan } from './day-plan';
import { resolveOpeningRules, type Closure, type OpeningRules } from './opening-rules';

export type SlotRefusalCode =
  | 'invalid_interval'
  | 'off_grid'
  | 'too_short'
  | 'too_long'
  | 'in_past'
  | 'min_notice'
  | 'max_horizon'
  | 'outside_validity'
  | 'public_holiday'
  | 'closure'
  | 'school_time'
  | 'school_calendar_unknown'
  | 'outside_opening_hours';

export interface SlotRefusal {
  code: SlotRefusalCode;
  /** French, for the person who asked. */
  message: string;
  /** The local day concerned, for day-based refusals. */
  date?: LocalDate;
  /** The closure concerned, for `closure`. */
  closure?: Closure;
}

export type SlotCheck = { ok: true } | { ok: false; reasons: SlotRefusal[] };

export interface SlotCheckOptions {
  /** The present instant; without it, notice and horizon are not checked. */
  now?: Date;
}

const MAX_CHECKED_DAYS = 31;

/**
 * Whether [start, end) may be requested under the space's rules, and if
 * not, every reason why (a slot can be both too short and during a closure).
 * A slot is accepted exactly when it lies inside `offerableIntervals` and
 * meets the duration, notice and horizon limits. Existing bookings are not
 * considered here: the database's exclusion constraint is the guarantee.
 */
export function checkSlot(
  rules: OpeningRules,
  calendar: ZoneCalendar,
  start: Date,
  end: Date,
  options: SlotCheckOptions = {},
): SlotCheck {
  const resolved = resolveOpeningRules(rules);
  const slot: TimeInterval = { start, end };
  const durationMs = end.getTime() - start.getTime();
  if (!(durationMs > 0)) {
    return {
      ok: false,
      reasons: [{ code: 'invalid_interval', message: 'La fin du créneau doit être après son début.' }],
    };
  }
  if (durationMs > MAX_CHECKED_DAYS * 86_400_000) {
    return {
      ok: false,
      reasons: [{ code: 'too_long', message: `Un créneau ne peut pas dépasser ${MAX_CHECKED_DAYS} jours.` }],
    };
  }
  const reasons: SlotRefusal[] = resolved.timeStep
    ? offGridReasons(start, end, resolved.timeStep, resolved.timeZone)
    : [];
  const minutes = durationMs / 60_000;
  if (resolved.minDurationMinutes !== null && minutes < resolved.minDurationMinutes) {
    reasons.push({
      code: 'too_short',
      message: `La durée minimale d’une réservation est de ${formatMinutes(resolved.minDurationMinutes)}.`,
    });
  }
  if (resolved.maxDurationMinutes !== null && minutes > resolved.maxDurationMinutes) {
    reasons.push({
      code: 'too_long',
      message: `La durée maximale d’une réservation est de ${formatMinutes(resolved.maxDurationMinutes)}.`,
    });
  }
  if (options.now) {
    const ahead = start.getTime() - options.now.getTime();
    if (ahead < 0) {
      reasons.push({ code: 'in_past', message: 'Ce créneau a déjà commencé\u00a0: choisissez un créneau à venir.' });
    } else if (resolved.minNoticeMinutes !== null && ahead < resolved.minNoticeMinutes * 60_000) {
      reasons.push({
        code: 'min_notice',
        message: `Les demandes doivent être faites au moins ${formatMinutes(resolved.minNoticeMinutes)} avant le début du créneau.`,
      });
    }
    if (resolved.maxHorizonDays !== null && ahead > resolved.maxHorizonDays * 86_400_000) {
      reasons.push({
        code: 'max_horizon',
        message: `Les réservations s’ouvrent au plus ${resolved.maxHorizonDays} jours à l’avance.`,
      });
    }
  }

  const plans: DayPlan[] = [];
  const lastInstant = new Date(end.getTime() - 1);
  for (const date of eachDate(localDateOf(start, resolved.timeZone), localDateOf(lastInstant, resolved.timeZone))) {
    plans.push(planDay(resolved, calendar, date));
  }
  for (const plan of plans) {
    if (!plan.withinValidity) {
      reasons.push({
        code: 'outside_validity',
        date: plan.date,
        message: `Les horaires d’ouverture de cet espace ne couvrent pas le ${formatFrenchDate(plan.date)}.`,
      });
    }
    if (plan.publicHoliday && resolved.closedOnPublicHolidays) {
      reasons.push({
        code: 'public_holiday',
        date: plan.date,
        message: `L’espace est fermé les jours fériés (${plan.publicHoliday}, ${formatFrenchDate(plan.date)}).`,
      });
    }
  }
  for (const closure of resolved.closures) {
    if (overlaps(slot, closure)) {
      reasons.push({
        code: 'closure',
        closure,
        message: `L’espace est fermé du ${formatFrenchDateTime(closure.start)} au ${formatFrenchDateTime(closure.end)}\u00a0: ${closure.reason}.`,
      });
    }
  }
  for (const plan of plans) {
    if (!plan.schoolTime.some((hours) => overlaps(slot, hours))) continue;
    if (plan.termDay === 'yes') {
      reasons.push({
        code: 'school_time',
        date: plan.date,
        message: `Le créneau empiète sur le temps scolaire du ${formatFrenchDate(plan.date)}\u00a0: l’espace n’est proposé qu’en dehors des heures de cours.`,
      });
    } else {
      reasons.push({
        code: 'school_calendar_unknown',
        date: plan.date,
        message: `Le calendrier scolaire du ${formatFrenchDate(plan.date)} n’est pas encore publié\u00a0: le créneau ne peut pas être proposé pendant les heures de cours habituelles.`,
      });
    }
  }
  if (!covers(unionIntervals(plans.flatMap((plan) => plan.windows)), slot)) {
    const ifHoliday = unionIntervals(plans.flatMap((plan) => plan.windowsIfHoliday ?? plan.windows));
    const unknownDay = plans.find((plan) => plan.windowsIfHoliday !== null);
    if (unknownDay && covers(ifHoliday, slot)) {
      reasons.push({
        code: 'school_calendar_unknown',
        date: unknownDay.date,
        message: `Le calendrier des vacances scolaires du ${formatFrenchDate(unknownDay.date)} n’est pas encore publié\u00a0: les horaires de vacances ne peuvent pas encore s’appliquer.`,
      });
    } else {
      reasons.push({
        code: 'outside_opening_hours',
        message: 'Le créneau dépasse les horaires d’ouverture de l’espace.',
      });
    }
  }
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}

/** The slot's start and end must fall on the space's grid, as the web's time fields already ask. */
function offGridReasons(start: Date, end: Date, step: TimeStep, timeZone: string): SlotRefusal[] {
  const ends = [
    { name: 'L’heure de début', time: localTimeOf(start, timeZone) },
    { name: 'L’heure de fin', time: localTimeOf(end, timeZone) },
  ];
  return ends.flatMap(({ name, time }) => {
    const advice = offStepMessage(time, step);
    if (!advice) return [];
    const message = `${name}, ${frenchTime(time)}, n’est pas proposée pour cet espace\u00a0: ${advice}.`;
    return [{ code: 'off_grid' as const, message }];
  });
}

function formatMinutes(total: number): string {
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${String(minutes).padStart(2, '0')}`;
}
