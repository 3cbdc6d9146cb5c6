import { parse } from 'csv-parse/sync';
import type { CsvLineError } from '@salle/contracts';

/** One data line of an imported file, its cells keyed by header name. */
export interface CsvRow {
  /** Physical line where the record starts (1 is the header). */
  line: number;
  cells: ReadonlyMap<string, string>;
}

export interface ParsedCsv {
  headers: string[];
  rows: CsvRow[];
  errors: CsvLineError[];
}

export const WHOLE_LINE = '(ligne)';

const DELIMITERS = [';', ',', '\t'] as const;

/** The delimiter used most on the header line: French spreadsheets write `;`, others `,`. */
function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  let best: string = DELIMITERS[0];
  let bestCount = -1;
  for (const delimiter of DELIMITERS) {
    const count = firstLine.split(delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/** What csv-parse returns per record with `info` and `raw` on. */
interface RecordWithInfo {
  record: string[];
  info: { lines: number };
  raw: string;
}

interface CsvErrorLike {
  code?: string;
  lines?: number;
}

/**
 * Reads the text of a CSV file typed or exported by a person (see
 * csv-encoding.ts for its bytes): a leading BOM is ignored, `;`, `,` or tab
 * separated (detected from the header), quoted fields may span lines, blank
 * lines and lines of only separators are ignored, and so are empty cells
 * after the last column (in the header too). Header names are trimmed and
 * lower-cased. Lines whose column count differs from the header are
 * reported, not dropped silently.
 */
export function parseCsv(text: string): ParsedCsv {
  let records: RecordWithInfo[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as RecordWithInfo[];
  } catch (error) {
    const csvError = error as CsvErrorLike;
    const line = csvError.lines ?? 1;
    const message =
      csvError.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'un guillemet ouvert n’est jamais refermé\u00a0: vérifiez les guillemets de cette ligne'
        : 'le fichier n’est pas un CSV lisible à partir de cette ligne';
    return { headers: [], rows: [], errors: [{ line, field: WHOLE_LINE, message }] };
  }

  const [header, ...data] = records;
  if (!header)
    return { headers: [], rows: [], errors: [{ line: 1, field: WHOLE_LINE, message: 'le fichier est vide' }] };
  const headers = withoutTrailingEmpty(header.record.map((name) => name.trim().toLowerCase()));
  const errors: CsvLineError[] = [];
  const rows: CsvRow[] = [];
  for (const { record: cells, info, raw } of data) {
    const line = startLine(info.lines, raw);
    if (cells.every((cell) => cell.trim() === '')) continue;
    const record = cells.length > headers.length ? withoutTrailingEmpty(cells, headers.length) : cells;
    if (record.length !== headers.length) {
      errors.push({
        line,
        field: WHOLE_LINE,
        message: `la ligne compte ${record.length} colonne(s) au lieu de ${headers.length}\u00a0: vérifiez les séparateurs et les guillemets`,
      });
      continue;
    }
    rows.push({ line, cells: new Map(headers.map((name, index) => [name, (record[index] ?? '').trim()])) });
  }
  return { headers, rows, errors };
}

/**
 * Drops the empty cells at the end of a record, keeping at least `keep`:
 * spreadsheets write trailing separators for columns once used, then cleared.
 */
function withoutTrailingEmpty(cells: string[], keep = 0): string[] {
  let end = cells.length;
  while (end > keep && (cells[end - 1] ?? '').trim() === '') end -= 1;
  return cells.slice(0, end);
}

/** csv-parse counts lines up to the end of a record; a quoted field may span several. */
function startLine(endLine: number, raw: string): number {
  const content = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
  return endLine - (content.match(/\n/g)?.length ?? 0);
}
