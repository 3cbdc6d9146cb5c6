// The part of an operation table a browser needs to call it (method and path), with no zod: the web app's
// first page calls its operations through these, its build reducing each table to them (see the web's README).

import type { HttpMethod } from './operation';

/** What calling an operation needs: its method and its path. */
export type OperationRoutes<T> = { readonly [K in keyof T]: { readonly method: HttpMethod; readonly path: string } };

/** A table's method and path of every operation, without the schemas. */
export function operationRoutes<T extends Readonly<Record<string, { method: HttpMethod; path: string }>>>(
  table: T,
): OperationRoutes<T> {
  return Object.fromEntries(
    Object.entries(table).map(([name, { method, path }]) => [name, { method, path }]),
  ) as unknown as OperationRoutes<T>;
}

/** The concrete path of an operation: `/bookings/:id` with `{ id }` filled in, each segment encoded. */
export function operationPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} of ${path}`);
    return encodeURIComponent(value);
  });
}
