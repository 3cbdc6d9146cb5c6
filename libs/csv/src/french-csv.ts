import { guardFormula } from './formula-guard';

/** RFC 4180 quoting: only the cells holding the separator, a quote or a line break. */
function quote(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One cell of a French spreadsheet file: formula-guarded, then quoted when needed. */
export function csvCell(value: string): string {
  return quote(guardFormula(value));
}

/**
 * A CSV file for French spreadsheets: UTF-8 with BOM (so Excel reads the
 * accents), `;` separated (the comma is the decimal separator), CRLF line
 * ends and a final CRLF (RFC 4180), every cell guarded against formulas.
 * Callers format numbers themselves (decimal comma, no thousands separator).
 */
export function writeCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [headers, ...rows].map((cells) => cells.map(csvCell).join(';'));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
