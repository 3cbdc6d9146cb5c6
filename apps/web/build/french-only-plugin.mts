import type { Plugin } from 'vite';

/** A module of react-aria's translated strings: one import and one map entry per locale. */
const STRINGS_MODULE = /[\\/]node_modules[\\/]react-(?:aria|aria-components|stately)[\\/]dist[\\/].*intlStrings\.mjs$/;
const LOCALE_IMPORT = /^import \S+ from "[^"]*[\\/]([a-z]{2}-[A-Z]{2})\.mjs";$/;
const LOCALE_ENTRY = /^\s*"([a-z]{2}-[A-Z]{2})": \S+?,?$/;
/** `@internationalized/date`'s factory of calendars, which imports all of them (Hebrew, Japanese, Persian…). */
const CALENDAR_FACTORY = /[\\/]node_modules[\\/]@internationalized[\\/]date[\\/]dist[\\/].*createCalendar\.mjs$/;
const GREGORIAN_ONLY = [
  'import { GregorianCalendar } from "./calendars/GregorianCalendar.mjs";',
  'export function createCalendar() { return new GregorianCalendar(); }',
].join('\n');

/** Keeps only the `keep` locale's lines of a strings module; the rest of the module is left as it is. */
export function keepLocale(code: string, keep: string): string {
  return code
    .split('\n')
    .filter((line) => {
      const locale = LOCALE_IMPORT.exec(line)?.[1] ?? LOCALE_ENTRY.exec(line)?.[1];
      return locale === undefined || locale === keep;
    })
    .join('\n');
}
/** `@internationalized/number`'s parser of every numbering system; the date segments only ask it for digits. */
const NUMBER_PARSER = /[\\/]node_modules[\\/]@internationalized[\\/]number[\\/]dist[\\/].*NumberParser\.mjs$/;
const LATIN_DIGITS_ONLY = [
  'export class NumberParser {',
  '  parse(value) { return /^\\d+$/.test(value.trim()) ? Number(value.trim()) : NaN; }',
  '  isValidPartialNumber(value) { return /^\\d*$/.test(value.trim()); }',
  '  getNumberingSystem() { return "latn"; }',
  '}',
].join('\n');

/**
 * react-aria ships its components' labels (« jour », « mois », « Calendrier »…) in 34 languages, and every
 * component imports them all. The app only ever speaks French (its root forces `fr-FR`), so the build keeps
 * the French strings alone; French dates being Gregorian and written in Latin digits, it keeps only the Gregorian
 * calendar and a digits-only number parser (the date segments' only use of it). About 25 kB gzipped less on the
 * first page, which holds the search form's date and time fields.
 */
export function frenchOnly(locale = 'fr-FR'): Plugin {
  return {
    name: 'salle-french-only',
    apply: 'build',
    transform(code, id) {
      if (CALENDAR_FACTORY.test(id)) return { code: GREGORIAN_ONLY, map: null };
      if (NUMBER_PARSER.test(id)) return { code: LATIN_DIGITS_ONLY, map: null };
      if (!STRINGS_MODULE.test(id)) return null;
      return { code: keepLocale(code, locale), map: null };
    },
  };
}
