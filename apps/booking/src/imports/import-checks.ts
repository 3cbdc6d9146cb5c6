import type { EntityManager } from 'typeorm';
import type { CsvImport, CsvImportKind, CsvImportReport, CsvLineError } from '@salle/contracts';
import { importInvalid } from '../errors';
import { decodeCsv } from './csv-encoding';
import { parseCsv, WHOLE_LINE, type ParsedCsv } from './csv-format';

/** At most this many line errors are listed; the count says how many there were. */
const MAX_REPORTED_ERRORS = 500;

/**
 * Imports serialise on this lock, so that two imports never create the same space twice, nor replace
 * the same space's rules at once.
 */
const IMPORT_LOCK_KEY = 'booking.catalogue-import';

export function importRejected(errors: CsvLineError[]) {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  const listed = sorted.slice(0, MAX_REPORTED_ERRORS);
  const lines = new Set(sorted.map((error) => error.line));
  const more = sorted.length > listed.length ? `\u00a0; les ${listed.length} premières sont listées` : '';
  return importInvalid(
    `${sorted.length} erreur(s) sur ${lines.size} ligne(s)${more}. Corrigez le fichier puis importez-le à nouveau.`,
    listed.map((error) => ({ field: `ligne ${error.line} : ${error.field}`, message: error.message })),
    { lineErrors: listed, errorCount: sorted.length },
  );
}

/** The file's text, decoded from its bytes when sent in base64; an unknown encoding is refused. */
export function readFile(input: CsvImport): ParsedCsv {
  if (input.csvBase64 === undefined) return parseCsv(input.csv ?? '');
  const decoded = decodeCsv(Buffer.from(input.csvBase64, 'base64'));
  if (!decoded.ok) throw importRejected([{ line: 1, field: WHOLE_LINE, message: decoded.message }]);
  return parseCsv(decoded.text);
}

/** Checks the header line: every required column present, no unknown or repeated column. */
export function headerErrors(parsed: ParsedCsv, known: readonly string[], required: readonly string[]): CsvLineError[] {
  if (parsed.headers.length === 0) return parsed.errors;
  const errors: CsvLineError[] = [];
  const seen = new Set<string>();
  for (const header of parsed.headers) {
    if (!known.includes(header)) {
      errors.push({
        line: 1,
        field: header || '(vide)',
        message: `colonne inconnue (colonnes possibles : ${known.join(', ')})`,
      });
    } else if (seen.has(header)) {
      errors.push({ line: 1, field: header, message: 'colonne présente deux fois' });
    }
    seen.add(header);
  }
  for (const column of required) {
    if (!seen.has(column))
      errors.push({ line: 1, field: column, message: 'colonne obligatoire absente de la ligne d’en-tête' });
  }
  if (errors.length === 0 && parsed.rows.length === 0 && parsed.errors.length === 0) {
    errors.push({
      line: 1,
      field: WHOLE_LINE,
      message: 'le fichier ne contient aucune ligne de données après l’en-tête',
    });
  }
  return errors;
}

/** Reports the later lines that repeat a key already seen. */
export function flagDuplicates<T extends { line: number }>(
  items: T[],
  key: (item: T) => string | undefined,
  field: string,
  what: string,
  errors: CsvLineError[],
) {
  const firstLine = new Map<string, number>();
  for (const item of items) {
    const value = key(item);
    if (value === undefined) continue;
    const first = firstLine.get(value);
    if (first === undefined) firstLine.set(value, item.line);
    else errors.push({ line: item.line, field, message: `${what} déjà présent ligne ${first}` });
  }
}

export function report(
  kind: CsvImportKind,
  dryRun: boolean,
  rows: number,
  created: number,
  updated: number,
  removed?: number,
): CsvImportReport {
  const counts = { kind, dryRun, rows, created, updated, unchanged: rows - created - updated };
  return removed === undefined ? counts : { ...counts, removed };
}

export async function lockImports(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [IMPORT_LOCK_KEY]);
}
