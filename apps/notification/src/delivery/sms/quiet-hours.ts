import { DateTime } from 'luxon';

const ZONE = 'Europe/Paris';
/** No SMS from 20:00 to 08:00, Paris time: nobody is woken by news that can wait. */
export const QUIET_FROM_HOUR = 20;
export const QUIET_UNTIL_HOUR = 8;

/**
 * When an SMS planned at `now` may go out: at once between 08:00 and 20:00
 * (Paris), otherwise at the next 08:00. A change to a session that is
 * `urgentFor` (a cancellation of it) goes out at once if the session is today,
 * or would start before 08:00 comes: held, it would arrive too late to matter.
 */
export function smsDueAt(now: Date, urgentFor: { startsAt: Date | null } | null = null): Date {
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  if (local.hour >= QUIET_UNTIL_HOUR && local.hour < QUIET_FROM_HOUR) return now;
  const morning = (local.hour >= QUIET_FROM_HOUR ? local.plus({ days: 1 }) : local).set({
    hour: QUIET_UNTIL_HOUR,
    minute: 0,
    second: 0,
    millisecond: 0,
  });
  if (urgentFor?.startsAt) {
    const session = DateTime.fromJSDate(urgentFor.startsAt, { zone: ZONE });
    if (session.hasSame(local, 'day') || session < morning) return now;
  }
  return morning.toJSDate();
}

/**
 * The same-day exception, written once for planning and retries: only the
 * collège's cancellation of a session is urgent enough to go at night.
 */
export function urgencyOf(template: string, startsAt: Date | null): { startsAt: Date | null } | null {
  return template === 'cancelled_by_establishment' ? { startsAt } : null;
}

/**
 * When a retry of an SMS meant for `retryAt` may go: null when it may go then,
 * otherwise the next 08:00, so that a retry (or a delayed send) never lands in
 * the quiet hours the planning kept the first attempt out of.
 */
export function smsRetryNotBefore(retryAt: Date, template: string, startsAt: Date | null): Date | null {
  const due = smsDueAt(retryAt, urgencyOf(template, startsAt));
  return due.getTime() === retryAt.getTime() ? null : due;
}
