import { frenchEuros } from '@salle/contracts/browser';

/** Integer cents as French euros, always with their cents: « 32,00 € » beside « 25,50 € » (`@salle/contracts`). */
export const formatEuros = frenchEuros;
/** The same format; kept for the screens that state a payment's amount. */
export const formatExactEuros = frenchEuros;

/** What a person types (« 12,5 », « 12.50 », « 12 ») as integer cents; null when it is not an amount. */
export function parseEuros(text: string): number | null {
  const normalised = text.trim().replace(/\s|€/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return null;
  return Math.round(Number(normalised) * 100);
}

/** Cents as the value of an amount field: « 12,50 », « 40 ». */
export function centsToInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace('.', ',');
}
