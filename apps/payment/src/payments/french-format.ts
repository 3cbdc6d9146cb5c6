import { DateTime } from 'luxon';

// Machine formats only (CSV cells, day bounds); what people read is written by `@salle/contracts`
// (`frenchEuros`, `frenchSlot`, `frenchDateTime`).
const PARIS = 'Europe/Paris';

/** 4500 -> "45,00", -4500 -> "-45,00": amounts for a French spreadsheet. */
export function decimalEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)},${String(absolute % 100).padStart(2, '0')}`;
}

export function parisTimestamp(at: Date): string {
  return DateTime.fromJSDate(at, { zone: PARIS }).toFormat('yyyy-LL-dd HH:mm:ss');
}

/** The first day of a local date in Paris, as an instant. */
export function parisDayStart(localDate: string): Date {
  return DateTime.fromISO(localDate, { zone: PARIS }).startOf('day').toJSDate();
}
