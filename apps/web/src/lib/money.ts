const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const wholeEuros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

/** Integer cents as French euros: « 12,50 € », « 40 € » for whole amounts. */
export function formatEuros(cents: number): string {
  return cents % 100 === 0 ? wholeEuros.format(cents / 100) : euros.format(cents / 100);
}

/** Integer cents with their cents always shown: « 32,00 € », as payment amounts are stated. */
export function formatExactEuros(cents: number): string {
  return euros.format(cents / 100);
}

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
