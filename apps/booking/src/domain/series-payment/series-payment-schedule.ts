import { DateTime } from 'luxon';
import { PARIS_TIME_ZONE } from '../time';

/** How the département has a series paid: all at once, per calendar month, or per school term. */
export const SERIES_PAYMENT_MODES = ['whole', 'month', 'term'] as const;
export type SeriesPaymentMode = (typeof SERIES_PAYMENT_MODES)[number];

/** One session of a series, as the schedule needs it. */
export interface ScheduledSession {
  id: string;
  startsAt: Date;
  priceCents: number;
}

/** The rule's parameters: the département's mode and delays. */
export interface SeriesPaymentRule {
  mode: SeriesPaymentMode;
  /** The usual delay to pay after approval (BOOKING_PAYMENT_DEADLINE_HOURS). */
  paymentDeadlineHours: number;
  /** A later period is due this many days before its first session (BOOKING_SERIES_PAYMENT_LEAD_DAYS). */
  leadDays: number;
}

/** One payable period of a series: its sessions (in time order), amount and due date. */
export interface SchedulePeriod<S extends ScheduledSession = ScheduledSession> {
  key: string;
  label: string;
  sessions: S[];
  amountCents: number;
  dueAt: Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/**
 * The French school year's three terms by calendar month, the same for every zone (the zones' winter and
 * spring holidays move by weeks, which would make a term's sessions depend on the collège's zone):
 * September–December, January–March, April–August (summer sessions go with the last term).
 */
function termOf(month: number): { index: 1 | 2 | 3; months: string } {
  if (month >= 9) return { index: 1, months: 'septembre à décembre' };
  if (month <= 3) return { index: 2, months: 'janvier à mars' };
  return { index: 3, months: 'avril à août' };
}

/** The period a session starting at `startsAt` belongs to, under `mode`: a stable key and its French label. */
export function seriesPeriodOf(mode: SeriesPaymentMode, startsAt: Date): { key: string; label: string } {
  if (mode === 'whole') return { key: 'season', label: 'Toute la série' };
  const local = DateTime.fromJSDate(startsAt, { zone: PARIS_TIME_ZONE });
  if (mode === 'month') {
    const month = MONTHS[local.month - 1] ?? '';
    return { key: local.toFormat('yyyy-LL'), label: `${month.charAt(0).toUpperCase()}${month.slice(1)} ${local.year}` };
  }
  // The school year is named by the year it starts in (September).
  const schoolYear = local.month >= 9 ? local.year : local.year - 1;
  const term = termOf(local.month);
  const ordinal = term.index === 1 ? '1er' : `${term.index}e`;
  return {
    key: `${schoolYear}-T${term.index}`,
    label: `${ordinal} trimestre ${schoolYear}-${schoolYear + 1} (${term.months})`,
  };
}

/**
 * When a period is due: `leadDays` before its first session, but never sooner than the usual payment delay
 * after approval (the organisation always has that long), and never after the first session starts (a slot
 * is not held unpaid past its start, as for a single booking). So the first period is due as a single
 * booking would be, and each later one shortly before it begins, not 72 hours after the season's approval.
 */
export function periodDueAt(firstSessionAt: Date, approvedAt: Date, rule: SeriesPaymentRule): Date {
  const earliest = approvedAt.getTime() + rule.paymentDeadlineHours * HOUR;
  const beforeStart = firstSessionAt.getTime() - rule.leadDays * DAY;
  return new Date(Math.min(firstSessionAt.getTime(), Math.max(earliest, beforeStart)));
}

/**
 * A series' payment schedule: its sessions grouped into periods (in time order), each with the sum of its
 * sessions' prices and its due date. Every session is in exactly one period.
 */
export function seriesPaymentSchedule<S extends ScheduledSession>(
  sessions: readonly S[],
  approvedAt: Date,
  rule: SeriesPaymentRule,
): SchedulePeriod<S>[] {
  const ordered = [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const periods = new Map<string, SchedulePeriod<S>>();
  for (const session of ordered) {
    const { key, label } = seriesPeriodOf(rule.mode, session.startsAt);
    const period = periods.get(key);
    if (period) {
      period.sessions.push(session);
      period.amountCents += session.priceCents;
    } else {
      const dueAt = periodDueAt(session.startsAt, approvedAt, rule);
      periods.set(key, { key, label, sessions: [session], amountCents: session.priceCents, dueAt });
    }
  }
  return [...periods.values()];
}

/** Each session's payment due date, by session id: its period's, in the series' payment schedule. */
export function sessionDueDates(
  sessions: readonly ScheduledSession[],
  approvedAt: Date,
  rule: SeriesPaymentRule,
): Map<string, Date> {
  const dueAt = new Map<string, Date>();
  for (const period of seriesPaymentSchedule(sessions, approvedAt, rule)) {
    for (const session of period.sessions) dueAt.set(session.id, period.dueAt);
  }
  return dueAt;
}
