import type { DataSource } from 'typeorm';

/** The schema a service's DataSource works in (set by `createDataSource` from @salle/db). */
export function schemaOf(dataSource: DataSource): string {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('the DataSource has no schema: pass `schema` explicitly');
  return schema;
}
