import { DateTime } from 'luxon';

const PARIS = 'Europe/Paris';

/** 4500 -> "45,00 €", with plain spaces (the PDF's standard fonts have no narrow no-break space). */
export function euros(cents: number): string {
  return new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100).replace(/[\u202f\u00a0]/g, ' ');
}

/** 4500 -> "45,00", -4500 -> "-45,00": amounts for a French spreadsheet. */
export function decimalEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)},${String(absolute % 100).padStart(2, '0')}`;
}

/** "mardi 1 décembre 2026, 19:00–21:00" in Paris time (or both dates when it spans days). */
export function slotLabel(startsAt: Date, endsAt: Date): string {
  const start = DateTime.fromJSDate(startsAt, { zone: PARIS }).setLocale('fr');
  const end = DateTime.fromJSDate(endsAt, { zone: PARIS }).setLocale('fr');
  if (start.hasSame(end, 'day')) return `${start.toFormat('cccc d LLLL yyyy')}, ${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')}`;
  return `du ${start.toFormat("cccc d LLLL yyyy 'à' HH:mm")} au ${end.toFormat("cccc d LLLL yyyy 'à' HH:mm")}`;
}

export function parisDateTime(at: Date): string {
  return DateTime.fromJSDate(at, { zone: PARIS }).setLocale('fr').toFormat("d LLLL yyyy 'à' HH:mm");
}

export function parisTimestamp(at: Date): string {
  return DateTime.fromJSDate(at, { zone: PARIS }).toFormat('yyyy-LL-dd HH:mm:ss');
}

/** The first day of a local date in Paris, as an instant. */
export function parisDayStart(localDate: string): Date {
  return DateTime.fromISO(localDate, { zone: PARIS }).startOf('day').toJSDate();
}
