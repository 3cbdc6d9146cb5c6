import type { CsvLineError } from '@salle/contracts';
import type { IdentifierResult } from '@salle/french-identifiers';
import { unguardFormula } from '@salle/csv';
import type { CsvRow } from './csv-format';

const YES = new Set(['oui', 'o', 'vrai', 'true', '1', 'yes']);
const NO = new Set(['non', 'n', 'faux', 'false', '0', 'no']);

/**
 * Reads the cells of one CSV line into typed values, collecting a French
 * message per wrong cell. Every getter returns `undefined` for an empty
 * optional cell and for a wrong one (the error is recorded), so that a line
 * reports all its problems at once.
 */
export class RowReader {
  constructor(
    private readonly row: CsvRow,
    private readonly errors: CsvLineError[],
  ) {}

  get line(): number {
    return this.row.line;
  }

  fail(field: string, message: string): undefined {
    this.errors.push({ line: this.row.line, field, message });
    return undefined;
  }

  private raw(field: string, required: boolean): string | undefined {
    const value = this.row.cells.get(field) ?? '';
    if (value === '') return required ? this.fail(field, 'valeur obligatoire manquante') : undefined;
    return value;
  }

  text(field: string, options: { required?: boolean; max: number }): string | undefined {
    const value = this.raw(field, options.required ?? false);
    if (value === undefined) return undefined;
    const text = unguardFormula(value);
    if (text.length > options.max) return this.fail(field, `${options.max} caractères au plus (${text.length} reçus)`);
    return text;
  }

  identifier(field: string, validate: (input: string) => IdentifierResult, required = false): string | undefined {
    const value = this.raw(field, required);
    if (value === undefined) return undefined;
    const result = validate(value);
    return result.ok ? result.value : this.fail(field, result.message);
  }

  matching(field: string, pattern: RegExp, message: string, required = false): string | undefined {
    const value = this.raw(field, required);
    if (value === undefined) return undefined;
    return pattern.test(value) ? value : this.fail(field, message);
  }

  decimal(field: string, options: { required?: boolean; min: number; max: number }): number | undefined {
    const value = this.raw(field, options.required ?? false);
    if (value === undefined) return undefined;
    const normalised = value.replace(',', '.');
    const number = /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
    if (Number.isNaN(number))
      return this.fail(field, `nombre attendu (par exemple 45,19 ou 45.19), reçu «\u00a0${value}\u00a0»`);
    if (number < options.min || number > options.max)
      return this.fail(field, `doit être compris entre ${options.min} et ${options.max}`);
    return number;
  }

  /** An amount in euros (`12,50`, `12.5`, `1 200 €`), returned in cents. */
  euros(field: string, options: { required?: boolean; maxCents: number }): number | undefined {
    const value = this.raw(field, options.required ?? false);
    if (value === undefined) return undefined;
    const normalised = value.replace(/[\s\u00a0\u202f]|€$/g, '').replace(',', '.');
    if (!/^\d+(\.\d{1,2})?$/.test(normalised))
      return this.fail(field, `montant en euros attendu (par exemple 12,50), reçu «\u00a0${value}\u00a0»`);
    const cents = Math.round(Number(normalised) * 100);
    if (cents > options.maxCents) return this.fail(field, `${formatEuros(options.maxCents)}\u00a0€ au plus`);
    return cents;
  }

  integer(field: string, options: { required?: boolean; min: number; max: number }): number | undefined {
    const value = this.raw(field, options.required ?? false);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) return this.fail(field, `nombre entier attendu, reçu «\u00a0${value}\u00a0»`);
    const number = Number(value);
    if (number < options.min || number > options.max)
      return this.fail(field, `doit être compris entre ${options.min} et ${options.max}`);
    return number;
  }

  boolean(field: string): boolean | undefined {
    const value = this.raw(field, false);
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (YES.has(lower)) return true;
    if (NO.has(lower)) return false;
    return this.fail(field, `«\u00a0oui\u00a0» ou «\u00a0non\u00a0» attendu, reçu «\u00a0${value}\u00a0»`);
  }

  /** One of the labels of `choices` (matched case-insensitively), mapped to its code. */
  choice<T extends string>(field: string, choices: ReadonlyMap<string, T>, required = false): T | undefined {
    const value = this.raw(field, required);
    if (value === undefined) return undefined;
    const code = choices.get(value.toLowerCase());
    if (code !== undefined) return code;
    return this.fail(
      field,
      `valeur inconnue «\u00a0${value}\u00a0» (valeurs possibles\u00a0: ${[...firstLabels(choices)].join(', ')})`,
    );
  }

  /**
   * `|`-separated values; empty items are ignored. Exports guard the whole
   * cell (a cell such as `-5|x` would otherwise be lost); each item is
   * unguarded too for files exported when every item was guarded.
   */
  list(field: string, options: { maxItems: number; maxLength: number }): string[] | undefined {
    const value = this.raw(field, false);
    if (value === undefined) return undefined;
    const items = unguardFormula(value)
      .split('|')
      .map((item) => unguardFormula(item.trim()))
      .filter((item) => item !== '');
    if (items.length > options.maxItems)
      return this.fail(field, `${options.maxItems} éléments au plus, séparés par «\u00a0|\u00a0»`);
    const long = items.find((item) => item.length > options.maxLength);
    if (long) return this.fail(field, `«\u00a0${long.slice(0, 20)}…\u00a0» dépasse ${options.maxLength} caractères`);
    return items;
  }
}

/** The first label of each code: the one exports write and messages suggest. */
function firstLabels<T extends string>(choices: ReadonlyMap<string, T>): Set<string> {
  const seen = new Map<T, string>();
  for (const [label, code] of choices) if (!seen.has(code)) seen.set(code, label);
  return new Set(seen.values());
}

/** Label written in exports for `code`: the first label mapped to it. */
export function labelOf<T extends string>(choices: ReadonlyMap<string, T>, code: T): string {
  for (const [label, value] of choices) if (value === code) return label;
  return code;
}

/** Cents as a French decimal amount without currency sign (`1250` → `12,50`), what spreadsheets read as a number. */
export const formatEuros = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

export const formatBoolean = (value: boolean) => (value ? 'oui' : 'non');
