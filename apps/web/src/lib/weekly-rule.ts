import { WEEKDAYS } from './labels';

export interface WeeklyRuleInput {
  /** ISO weekdays, 1 = Monday. */
  weekdays: number[];
  /** Every `interval` weeks (1 = every week). */
  interval?: number;
  /** Last local date (YYYY-MM-DD), included; or `count` occurrences. */
  until?: string;
  count?: number;
}

/**
 * The RRULE the booking service reads for a weekly series:
 * `FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270624`. UNTIL is a local date.
 */
export function buildWeeklyRrule(input: WeeklyRuleInput): string {
  const days = [...new Set(input.weekdays)].sort((a, b) => a - b).map((iso) => WEEKDAYS[iso - 1]?.code);
  if (days.length === 0 || days.some((day) => !day)) throw new RangeError('at least one weekday between 1 and 7');
  const parts = ['FREQ=WEEKLY', `BYDAY=${days.join(',')}`];
  if (input.interval && input.interval > 1) parts.push(`INTERVAL=${input.interval}`);
  if (input.until) parts.push(`UNTIL=${input.until.replaceAll('-', '')}`);
  else if (input.count) parts.push(`COUNT=${input.count}`);
  return parts.join(';');
}
