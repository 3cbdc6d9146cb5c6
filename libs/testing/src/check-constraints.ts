interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** What the CHECK constraints of one schema allow, as far as they are plain lists of values. */
export interface ValueListChecks {
  /** `table.column` → the values its `CHECK (column IN (...))` allows, sorted. */
  lists: Record<string, string[]>;
  /** `table.constraint` → the values named by a constraint that combines a list with other conditions, sorted. */
  others: Record<string, string[]>;
}

// PostgreSQL stores `col IN ('a', 'b')` as `CHECK ((col = ANY (ARRAY['a'::text, 'b'::text])))`;
// a char(n) column reads `((col)::text = ANY ((ARRAY['A'::bpchar, ...])::text[]))`.
const VALUE_LIST = /^CHECK \(\(\(?(\w+)\)?(?:::\w+)? = ANY \(\(?ARRAY\[(.*)\]\)?(?:::[\w ]+\[\])?\)\)\)$/;
const QUOTED_VALUE = /'((?:[^']|'')*)'::[\w ]+/g;

/**
 * Reads the CHECK constraints of `schema` from `pg_constraint`, so that a
 * test can compare each list of allowed values with the enum the code uses.
 */
export async function readValueListChecks(db: Queryable, schema: string): Promise<ValueListChecks> {
  const rows = (await db.query(
    `SELECT c.relname AS "table", k.conname AS "name", pg_get_constraintdef(k.oid) AS "definition"
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'c' AND n.nspname = $1
      ORDER BY c.relname, k.conname`,
    [schema],
  )) as { table: string; name: string; definition: string }[];
  const checks: ValueListChecks = { lists: {}, others: {} };
  for (const row of rows) {
    const match = VALUE_LIST.exec(row.definition);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      checks.lists[`${row.table}.${match[1]}`] = quotedValues(match[2]);
    } else if (row.definition.includes('ARRAY[')) {
      checks.others[`${row.table}.${row.name}`] = quotedValues(row.definition);
    }
  }
  return checks;
}

function quotedValues(sql: string): string[] {
  return [...new Set([...sql.matchAll(QUOTED_VALUE)].map((value) => (value[1] ?? '').replaceAll("''", "'")))].sort();
}

/** The tuples of an enum per `table.column`, sorted, to compare with `readValueListChecks(...).lists`. */
export function sortedValueLists(lists: Record<string, readonly string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(lists).map(([column, values]) => [column, [...values].sort()]));
}
