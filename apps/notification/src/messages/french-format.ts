/**
 * Dates, times and amounts written as the web app shows them (« mardi 3 mars
 * 2026, 19 h – 21 h 30 », « 32,00 € »), in Paris time, with no-break spaces so
 * that a mail client never wraps « 19 » away from « h » or « 32,00 » from « € ».
 */
const PARIS = 'Europe/Paris';
export const NBSP = '\u00a0';

const dayFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const clockFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dateKeyFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

const toDate = (value: Date | string) => (typeof value === 'string' ? new Date(value) : value);

/** Every space Intl writes (narrow or not) becomes a no-break space. */
const unbreakable = (text: string) => text.replace(/[\s\u202f]/g, NBSP);

/** « mardi 3 mars 2026 » */
export function frenchDate(value: Date | string): string {
  return unbreakable(dayFormat.format(toDate(value))).replace(new RegExp(NBSP, 'g'), ' ');
}

/** « 19 h », « 19 h 30 » */
export function frenchTime(value: Date | string): string {
  const [hours = '0', minutes = '00'] = clockFormat.format(toDate(value)).split(':');
  return minutes === '00' ? `${Number(hours)}${NBSP}h` : `${Number(hours)}${NBSP}h${NBSP}${minutes}`;
}

/** « mardi 3 mars 2026 à 19 h » */
export function frenchDateTime(value: Date | string): string {
  return `${frenchDate(value)} à ${frenchTime(value)}`;
}

/** « mardi 3 mars 2026, 19 h – 21 h 30 », or « du … au … » across days. */
export function frenchSlot(start: Date | string, end: Date | string): string {
  if (dateKeyFormat.format(toDate(start)) === dateKeyFormat.format(toDate(end))) {
    return `${frenchDate(start)}, ${frenchTime(start)}${NBSP}– ${frenchTime(end)}`;
  }
  return `du ${frenchDateTime(start)} au ${frenchDateTime(end)}`;
}

/** Integer cents as an amount to pay or paid: « 32,00 € ». */
export function frenchEuros(cents: number): string {
  return unbreakable(euroFormat.format(cents / 100));
}
