/**
 * The one rule for CSV injection: a spreadsheet runs a cell that starts with
 * `=`, `+`, `-` or `@` (tab and CR too, which some strip first) as a formula,
 * so such a cell is written with a leading `'`.
 *
 * A negative number (`-12,50`, `-3`, `-0.5`) is the one exception: it is
 * what our amounts and coordinates look like, a spreadsheet reads it as a
 * number, and it cannot run anything. Only the whole cell counts: `-1+1` or
 * `-2+3+cmd|' /C calc'!A0` are formulas and are guarded.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEGATIVE_NUMBER = /^-\d+(?:[.,]\d+)?$/;

function startsLikeFormula(value: string): boolean {
  return FORMULA_START.test(value) && !NEGATIVE_NUMBER.test(value);
}

/**
 * Whether a cell gets the guard quote. A value that already starts with
 * quotes before a formula (`'=x`) is guarded too, so that removing one quote
 * on import always gives back exactly what was written.
 */
function needsGuard(value: string): boolean {
  return startsLikeFormula(value.replace(/^'+/, ''));
}

/** The cell as written in a file: with a leading `'` when a spreadsheet would run it. */
export function guardFormula(value: string): string {
  return needsGuard(value) ? `'${value}` : value;
}

/** The value an imported cell stood for: the inverse of `guardFormula`, other text unchanged. */
export function unguardFormula(value: string): string {
  return value.startsWith("'") && needsGuard(value.slice(1)) ? value.slice(1) : value;
}
