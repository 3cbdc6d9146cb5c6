/**
 * Outcome of checking an identifier typed by a person: the normalised value
 * when it is valid, otherwise a machine-readable code and a French message
 * that can be shown next to the form field as is.
 */
export type IdentifierResult<T extends string = string> =
  { ok: true; value: T } | { ok: false; code: IdentifierErrorCode; message: string };

export type IdentifierErrorCode = 'empty' | 'format' | 'checksum' | 'unknown_area';

export function valid<T extends string>(value: T): IdentifierResult<T> {
  return { ok: true, value };
}

export function invalid<T extends string>(code: IdentifierErrorCode, message: string): IdentifierResult<T> {
  return { ok: false, code, message };
}

/** Removes the spaces, dots and dashes people type between digit groups; upper-cases letters. */
export function normalizeIdentifier(input: string): string {
  return input.replace(/[\s.\u00a0\u202f-]/g, '').toUpperCase();
}
