/**
 * Typed raw SQL for the services that stay SQL-first (payment's money paths): a table's row type and
 * its column list are written once, in a table module, and every query of that table selects through
 * it instead of a hand-kept `col AS "prop"` string.
 */

/** Anything that runs SQL: a DataSource, a transaction's EntityManager or a QueryRunner. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** The rows of a SELECT (or INSERT ... RETURNING), typed by the caller's row type. */
export async function queryRows<Row>(db: Queryable, sql: string, parameters: unknown[] = []): Promise<Row[]> {
  return (await db.query(sql, parameters)) as Row[];
}

/** The first row of a query, or undefined when it found none. */
export async function queryOne<Row>(db: Queryable, sql: string, parameters: unknown[] = []): Promise<Row | undefined> {
  return (await queryRows<Row>(db, sql, parameters))[0];
}

/**
 * The rows of an `UPDATE ... RETURNING` or `DELETE ... RETURNING`: TypeORM answers those with
 * `[rows, count]` rather than the rows, which would otherwise read as one row per element.
 */
export async function returnedRows<Row>(db: Queryable, sql: string, parameters: unknown[] = []): Promise<Row[]> {
  const result = (await db.query(sql, parameters)) as [Row[], number] | Row[];
  return Array.isArray(result[0]) ? (result[0] as Row[]) : (result as Row[]);
}

/**
 * Where a row object's property is read from: a column, or a column read through a cast (a `bigint`
 * sum of cents read as `float8`, so that it arrives as a number rather than a string).
 */
export type ColumnSource = string | { readonly column: string; readonly readAs: 'float8' | 'text' | 'integer' };

/** Each property of a row object and the SQL column it is read from; a property without one is a type error. */
export type ColumnMap<Row> = { readonly [Property in keyof Row]-?: ColumnSource };

/** A table's one description: its qualified name and the mapping between its columns and its row objects. */
export interface TableDefinition<Row> {
  /** The schema-qualified table name, as written in SQL (`payment.refund`). */
  readonly name: string;
  readonly columns: ColumnMap<Row>;
  /** The SELECT (or RETURNING) list that reads a whole row object: `booking_id AS "bookingId", status, ...`. */
  readonly selectList: string;
  /** The same list with each column qualified by a FROM alias, for joins: `p.booking_id AS "bookingId", ...`. */
  selectListOf(alias: string): string;
  /** The list that reads only some properties, for a `Pick<Row, ...>`: `pick('priceCents')` is `price_cents AS "priceCents"`. */
  pick<Property extends keyof Row & string>(...properties: Property[]): string;
  /** The column a property is stored in, for WHERE, SET and ORDER BY clauses. */
  column(property: keyof Row & string): string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const PROPERTY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function columnOf(source: ColumnSource): string {
  return typeof source === 'string' ? source : source.column;
}

function readExpression(property: string, source: ColumnSource, prefix: string): string {
  const column = `${prefix}${columnOf(source)}`;
  if (typeof source !== 'string') return `${column}::${source.readAs} AS "${property}"`;
  return property === source ? column : `${column} AS "${property}"`;
}

/**
 * Builds a table's SELECT lists from its column map, so that the `AS "camelCase"` aliases that turn a
 * row into its object are derived, never retyped. Names are checked, since they are pasted into SQL.
 */
export function defineTable<Row>(name: string, columns: ColumnMap<Row>): TableDefinition<Row> {
  const entries = Object.entries(columns) as [string, ColumnSource][];
  for (const [property, source] of entries) {
    if (!PROPERTY.test(property) || !IDENTIFIER.test(columnOf(source))) {
      throw new Error(`invalid column mapping ${property} → ${columnOf(source)} in ${name}`);
    }
  }
  const listOf = (chosen: [string, ColumnSource][], prefix: string) =>
    chosen.map(([property, source]) => readExpression(property, source, prefix)).join(', ');
  const sourceOf = (property: string): ColumnSource => {
    const source = (columns as Record<string, ColumnSource | undefined>)[property];
    if (source === undefined) throw new Error(`${name} has no property ${property}`);
    return source;
  };
  return {
    name,
    columns,
    selectList: listOf(entries, ''),
    selectListOf: (alias) => {
      if (!IDENTIFIER.test(alias)) throw new Error(`invalid table alias: ${alias}`);
      return listOf(entries, `${alias}.`);
    },
    pick: (...properties) =>
      listOf(
        properties.map((property) => [property, sourceOf(property)]),
        '',
      ),
    column: (property) => columnOf(sourceOf(property)),
  };
}

/**
 * Text values as an SQL list for `IN (...)`, inlined rather than bound: a partial index's predicate
 * (`WHERE status IN ('open', ...)`) only serves a query whose list is written out. Only for values
 * of an enumeration of the code, never for input; each is checked to be a plain word.
 */
export function sqlTextList(values: readonly string[]): string {
  if (values.length === 0) throw new Error('an SQL IN list needs at least one value');
  for (const value of values) if (!IDENTIFIER.test(value)) throw new Error(`not an enumerated value: ${value}`);
  return values.map((value) => `'${value}'`).join(', ');
}
