import { Client } from 'pg';

/**
 * Every table of every schema with a row naming a person: `accountId` in a uuid column, or `accountId` or one of
 * `texts` (their e-mail...) inside a text, JSON or array column, as `schema.table`, sorted. Found from
 * information_schema, so that a table added later is searched as well.
 */
export async function tablesNaming(
  databaseUrl: string,
  accountId: string,
  texts: readonly string[],
): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{
      table_schema: string;
      table_name: string;
      column_name: string;
      data_type: string;
    }>(
      `SELECT c.table_schema, c.table_name, c.column_name, c.data_type FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('uuid', 'text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
    );
    const found = new Set<string>();
    const patterns = [accountId, ...texts].map((text) => `%${text}%`);
    for (const { table_schema, table_name, column_name, data_type } of columns) {
      const table = `"${table_schema}"."${table_name}"`;
      const { rows } =
        data_type === 'uuid'
          ? await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE "${column_name}" = $1`, [
              accountId,
            ])
          : await client.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM ${table} WHERE "${column_name}"::text ILIKE ANY($1)`,
              [patterns],
            );
      if ((rows[0]?.n ?? 0) > 0) found.add(`${table_schema}.${table_name}`);
    }
    return [...found].sort();
  } finally {
    await client.end();
  }
}
