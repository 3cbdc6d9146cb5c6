import { DateTime } from 'luxon';

const PARIS = 'Europe/Paris';

/** 4500 -> "45,00 €", with plain spaces (the PDF's standard fonts have no narrow no-break space). */
export function euros(cents: number): string {
  return new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
    .format(cents / 100)
    .replace(/[\u202f\u00a0]/g, ' ');
}

/** 4500 -> "45,00", -4500 -> "-45,00": amounts for a French spreadsheet. */
export function decimalEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)},${String(absolute % 100).padStart(2, '0')}`;
}

const NBSP = '\u00a0';

/** 19:05 -> "19 h 05", as French writes a time (no-break spaces, which the PDF's standard fonts have). */
function frenchTime(at: DateTime): string {
  return `${at.toFormat('H')}${NBSP}h${NBSP}${at.toFormat('mm')}`;
}

/** "mardi 1 décembre 2026, 19 h 00 – 21 h 00" in Paris time (or both dates when it spans days). */
export function slotLabel(startsAt: Date, endsAt: Date): string {
  const start = DateTime.fromJSDate(startsAt, { zone: PARIS }).setLocale('fr');
  const end = DateTime.fromJSDate(endsAt, { zone: PARIS }).setLocale('fr');
  if (start.hasSame(end, 'day'))
    return `${start.toFormat('cccc d LLLL yyyy')}, ${frenchTime(start)}${NBSP}– ${frenchTime(end)}`;
  return `du ${parisDateTime(startsAt, 'cccc d LLLL yyyy')} au ${parisDateTime(endsAt, 'cccc d LLLL yyyy')}`;
}

/** "1 décembre 2026 à 19 h 05" in Paris time; `dateFormat` (luxon) may name the weekday too. */
export function parisDateTime(at: Date, dateFormat = 'd LLLL yyyy'): string {
  const local = DateTime.fromJSDate(at, { zone: PARIS }).setLocale('fr');
  return `${local.toFormat(dateFormat)} à ${frenchTime(local)}`;
}

export function parisTimestamp(at: Date): string {
  return DateTime.fromJSDate(at, { zone: PARIS }).toFormat('yyyy-LL-dd HH:mm:ss');
}

/** The first day of a local date in Paris, as an instant. */
export function parisDayStart(localDate: string): Date {
  return DateTime.fromISO(localDate, { zone: PARIS }).startOf('day').toJSDate();
}
