// The grid on which a space's start and end times fall, written once for the web app (its time fields say the step
// and refuse 18:07 before sending) and the booking service (which refuses the same times from any client).
// No import but the French formats, so that `@salle/contracts/browser` may carry it.
import { NBSP } from '../french-format';

export type TimeStep = 15 | 30;

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * 30 minutes when the space's shortest booking, its buffer between bookings and every opening hour fall on
 * half-hours (opening at 18:00 or 18:30, at least 1 h 30, no buffer or 30 minutes), else 15: a room opening at
 * 18:15, or free 15 minutes after a booking ending at 20:00, is booked from 18:15 or 20:15.
 */
export function timeStepOf(space: {
  minDurationMinutes: number;
  bufferMinutes: number;
  openingRules: readonly { startTime: string; endTime: string }[];
}): TimeStep {
  const times = space.openingRules.flatMap((rule) => [minutesOf(rule.startTime), minutesOf(rule.endTime)]);
  return [space.minDurationMinutes, space.bufferMinutes, ...times].every((minutes) => minutes % 30 === 0) ? 30 : 15;
}

/** « 18 h 00 », as a time of the grid is offered (the minutes always written, so that the step shows). */
const gridClock = (minutes: number) =>
  `${Math.floor(minutes / 60) % 24}${NBSP}h${NBSP}${String(minutes % 60).padStart(2, '0')}`;

/** Whether `time` (`HH:MM`, local) falls on the grid of `step` minutes. */
export const isOnTimeGrid = (time: string, step: TimeStep): boolean => minutesOf(time) % step === 0;

/** Null when `time` (`HH:MM`) is on the grid; else what to tell the person, naming the two nearest times. */
export function offStepMessage(time: string, step: TimeStep): string | null {
  const minutes = minutesOf(time);
  if (minutes % step === 0) return null;
  const before = minutes - (minutes % step);
  return `choisissez une heure par pas de ${step}${NBSP}minutes, par exemple ${gridClock(before)} ou ${gridClock(before + step)}`;
}
