// How dates, times and amounts are written wherever people read them (the web app, e-mails, receipts):
// Paris time, « mardi 1er mars 2026 », « 18 h 30 », « 32,00 € », with no-break spaces so that a line
// never wraps « 18 » away from « h » or « 32,00 » from « € ». Written once here for the web app, the
// notification and the payment services.

export const NBSP = '\u00a0';
/** Narrow no-break space, which Intl writes between thousands. */
const NNBSP = '\u202f';
const PARIS = 'Europe/Paris';

const dayFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const dayWithoutWeekdayFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortDayFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});
const clockFormat = new Intl.DateTimeFormat('en-GB', {
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

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^\d{2}:\d{2}$/;

/** An instant, or a local date read as noon of that Paris day (noon is the same date in every offset). */
function instantOf(value: Date | string): Date {
  if (typeof value !== 'string') return value;
  return new Date(LOCAL_DATE.test(value) ? `${value}T12:00:00+01:00` : value);
}

/** Intl's parts joined, the day of the month « 1 » written « 1er », as French does. */
function withFirst(format: Intl.DateTimeFormat, value: Date | string): string {
  return format
    .formatToParts(instantOf(value))
    .map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');
}

/** « mardi 1er mars 2026 »; `{ weekday: false }` gives « 1er mars 2026 ». */
export function frenchDate(value: Date | string, options: { weekday?: boolean } = {}): string {
  return withFirst(options.weekday === false ? dayWithoutWeekdayFormat : dayFormat, value);
}

/** « mar. 1er mars » */
export function frenchShortDate(value: Date | string): string {
  return withFirst(shortDayFormat, value);
}

/** « 19 h », « 19 h 05 » in Paris time, from an instant or a local time « 19:05 ». */
export function frenchTime(value: Date | string): string {
  const clock = typeof value === 'string' && LOCAL_TIME.test(value) ? value : clockFormat.format(instantOf(value));
  const [hours = '0', minutes = '00'] = clock.split(':');
  return minutes === '00' ? `${Number(hours)}${NBSP}h` : `${Number(hours)}${NBSP}h${NBSP}${minutes}`;
}

/** « 19 h – 21 h 30 » */
export function frenchTimeRange(start: Date | string, end: Date | string): string {
  return `${frenchTime(start)}${NBSP}– ${frenchTime(end)}`;
}

/** « mardi 3 mars 2026 à 19 h » */
export function frenchDateTime(value: Date | string, options: { weekday?: boolean } = {}): string {
  return `${frenchDate(value, options)} à ${frenchTime(value)}`;
}

/** The Paris date of an instant, « 2026-03-03 ». */
export function parisDateKey(value: Date | string): string {
  return dateKeyFormat.format(instantOf(value));
}

/**
 * « mardi 3 mars 2026, 19 h – 21 h 30 », or « du … au … » across days; a slot ending at midnight
 * stays on its day (« 22 h – 0 h »).
 */
export function frenchSlot(start: Date | string, end: Date | string): string {
  const startAt = instantOf(start);
  const endAt = instantOf(end);
  const endsAtMidnight = frenchTime(endAt) === `0${NBSP}h` && endAt.getTime() - startAt.getTime() <= 86_400_000;
  if (parisDateKey(startAt) === parisDateKey(endAt) || endsAtMidnight) {
    return `${frenchDate(startAt)}, ${frenchTimeRange(startAt, endAt)}`;
  }
  return `du ${frenchDateTime(startAt)} au ${frenchDateTime(endAt)}`;
}

/** « 2 h », « 1 h 30 », « 45 min » */
export function frenchDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}${NBSP}min`;
  return rest === 0 ? `${hours}${NBSP}h` : `${hours}${NBSP}h${NBSP}${String(rest).padStart(2, '0')}`;
}

/** Integer cents, always with their cents: « 32,00 € », « 1 234,56 € » (no-break spaces). */
export function frenchEuros(cents: number): string {
  return euroFormat.format(cents / 100).replace(new RegExp(`[\\s${NNBSP}]`, 'g'), NBSP);
}

/** A file's size as French readers write it: « 830 octets », « 12 ko », « 5 Mo », « 1,5 Mo » (binary units, no-break space). */
export function frenchFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes}${NBSP}octets`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'ko'] : [bytes / (1024 * 1024), 'Mo'];
  const rounded = Math.round(value * 10) / 10;
  return `${String(rounded).replace('.', ',')}${NBSP}${unit}`;
}

/**
 * A French text as it should be printed: a no-break space before « : ; ! ? » (replacing a plain one,
 * or added where there was none after a word), and typographic apostrophes. For texts that come from
 * data (a holiday's name, an imported label), not for what people typed.
 */
export function frenchTypography(text: string): string {
  return text.replace(/(\S) ?([:;!?])(?=\s|$)/gu, `$1${NBSP}$2`).replace(/(\p{L})'(\p{L})/gu, '$1’$2');
}
