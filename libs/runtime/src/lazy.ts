/**
 * A value built at its first use and kept. For what a process may never need, or need only later, and that costs
 * to build at its start: a service's OpenAPI document takes some 150 ms of CPU, paid by every start (and every
 * integration suite starts one) though only `GET /openapi.json` reads it.
 */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
