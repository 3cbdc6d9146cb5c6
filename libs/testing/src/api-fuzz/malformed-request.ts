import fc from 'fast-check';
import { plausibleValue, type JsonSchema, type SchemaResolver } from './schema-values';

/** One operation of an OpenAPI document, as the fuzzer needs it. */
export interface FuzzOperation {
  method: string;
  /** OpenAPI notation: `/bookings/{id}`. */
  path: string;
  parameters: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  body?: JsonSchema;
}

export interface FuzzRequest {
  method: string;
  /** Path and query string, already encoded (bad escapes on purpose). */
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Index of the caller sending it. */
  caller: number;
}

const NOT_UTF8 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]);

let nasty: fc.Arbitrary<unknown> | undefined;

/**
 * Values that no field should take as they are: wrong types, impossible dates and ids, texts PostgreSQL refuses.
 * Built on first use, not at load: fast-check's `binary` string unit maps the whole of Unicode (about a second of
 * CPU), which every integration spec importing `@salle/testing` paid, fuzzing or not.
 */
export function nastyValue(): fc.Arbitrary<unknown> {
  nasty ??= fc.oneof(
    fc.constantFrom<unknown>(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\ud800',
      'x\udc00y',
      '2024-02-30',
      '2024-13-45T25:61:00Z',
      '31/12/2024',
      'not-a-date',
      'not-a-uuid',
      '00000000-0000-0000-0000-00000000000g',
      '00000000-0000-0000-0000-000000000000',
      '%ZZ',
      '../../etc/passwd',
      "' OR '1'='1",
      '<script>alert(1)</script>',
      '١٢٣',
      'NaN',
      '1e309',
      'true',
      'null',
      -1,
      0,
      0.5,
      -(2 ** 31),
      2 ** 53 + 1,
      1e308,
      -1e308,
      true,
      false,
      null,
      [],
      {},
      [null],
      JSON.parse('{"__proto__":{"polluted":true}}'),
    ),
    // Unicode beyond the BMP, then raw UTF-16 units (NULs and lone surrogates among them).
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)), maxLength: 12 }),
    fc.integer({ min: 1_000, max: 20_000 }).map((length) => 'é'.repeat(length)),
    fc.double(),
  );
  return nasty;
}

/** Every place (object key or array index) inside a JSON value, parents before children. */
function places(value: unknown): { container: Record<string, unknown>; key: string }[] {
  const found: { container: Record<string, unknown>; key: string }[] = [];
  const pending = [value];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next === null || typeof next !== 'object') continue;
    for (const [key, child] of Object.entries(next)) {
      found.push({ container: next as Record<string, unknown>, key });
      pending.push(child);
    }
  }
  return found;
}

/** The value with the `pick`-th place given `replacement`, or removed when there is none. */
function mutated(value: unknown, pick: number, replacement?: { value: unknown }): unknown {
  const copy: unknown = structuredClone(value);
  const all = places(copy);
  const place = all[pick % Math.max(all.length, 1)];
  if (!place) return replacement ? replacement.value : copy;
  if (replacement) place.container[place.key] = replacement.value;
  else if (Array.isArray(place.container)) place.container.splice(Number(place.key), 1);
  else delete place.container[place.key];
  return copy;
}

/** A JSON value shaped by the schema, then broken in one way: a field wrong or missing, an extra field, or the wrong type. */
export function malformedJson(schema: JsonSchema, resolve: SchemaResolver): fc.Arbitrary<unknown> {
  const base = plausibleValue(schema, resolve);
  return fc.oneof(
    base,
    fc.tuple(base, fc.nat(), nastyValue()).map(([value, pick, nasty]) => mutated(value, pick, { value: nasty })),
    fc.tuple(base, fc.nat()).map(([value, pick]) => mutated(value, pick)),
    fc
      .tuple(base, fc.string({ minLength: 1, maxLength: 12 }), nastyValue())
      .map(([value, key, nasty]) =>
        value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value, [key]: nasty } : value,
      ),
    nastyValue(),
  );
}

/** A request body as bytes: mostly the JSON above, sometimes no JSON at all. */
function rawBody(schema: JsonSchema | undefined, resolve: SchemaResolver): fc.Arbitrary<string | Buffer | undefined> {
  const json = schema ? malformedJson(schema, resolve) : nastyValue();
  return fc.oneof(
    { weight: 6, arbitrary: json.map((value) => JSON.stringify(value) ?? 'null') },
    fc.constantFrom<string | Buffer | undefined>(
      undefined,
      '',
      '{',
      '{"a":',
      'nul',
      '[1,]',
      "{'a':1}",
      '\u0000',
      '{"a":"\\u0000"}',
      '{"\\ud800":1}',
      NOT_UTF8,
      `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
    ),
    fc.integer({ min: 150_000, max: 250_000 }).map((length) => JSON.stringify({ big: 'x'.repeat(length) })),
  );
}

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant<string | undefined>('application/json') },
  fc.constantFrom<string | undefined>(
    undefined,
    'application/json; charset=utf-8',
    'application/merge-patch+json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'application/json; charset=nope',
    'application/json; charset',
    ';;',
    'application/xml',
  ),
);

const contentEncoding = fc.oneof(
  { weight: 6, arbitrary: fc.constant<string | undefined>(undefined) },
  fc.constantFrom<string | undefined>('gzip', 'deflate', 'br', 'zstd', 'identity', 'x-unknown', 'gzip, br'),
);

/** For a URL: escapes what can be escaped; a lone surrogate cannot, and is sent as its (invalid) UTF-8 form. */
function urlText(value: unknown): string {
  try {
    return encodeURIComponent(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
  } catch {
    return '%ED%A0%80';
  }
}

/** Long enough to stress, short enough for Node's 16 KiB header limit (beyond it, Node answers before the app). */
const urlPart = (text: string) => text.slice(0, 1_500);

const badEscape = fc.constantFrom(
  '%ZZ',
  '%E9',
  '%',
  'a%00b',
  '%00',
  '%C3%28',
  '%ED%A0%80',
  '%2F',
  '..',
  '%2e%2e',
  '%20',
);

function urlValue(schema: JsonSchema | undefined, resolve: SchemaResolver): fc.Arbitrary<string> {
  const plausible = schema ? plausibleValue(schema, resolve) : fc.string();
  return fc.oneof(
    { weight: 3, arbitrary: plausible.map((value) => urlPart(urlText(Array.isArray(value) ? value[0] : value))) },
    nastyValue().map((value) => urlPart(urlText(value))),
    badEscape,
  );
}

function pathOf(operation: FuzzOperation, resolve: SchemaResolver): fc.Arbitrary<string> {
  const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
  const schemaOf = (name: string) => operation.parameters.find((p) => p.in === 'path' && p.name === name)?.schema;
  return fc
    .tuple(...names.map((name) => urlValue(schemaOf(name), resolve)))
    .map((values) =>
      values.reduce((path, value, index) => path.replace(`{${names[index]}}`, value || 'x'), operation.path),
    );
}

function queryOf(operation: FuzzOperation, resolve: SchemaResolver): fc.Arbitrary<string> {
  const parameters = operation.parameters.filter((p) => p.in === 'query');
  const pairs = parameters.map((p) =>
    fc.option(
      fc.oneof(
        urlValue(p.schema, resolve).map((value) => `${encodeURIComponent(p.name)}=${value}`),
        // Twice: an array where a single value is expected, or the reverse.
        fc
          .tuple(urlValue(p.schema, resolve), urlValue(p.schema, resolve))
          .map(([a, b]) => `${p.name}=${a}&${p.name}=${b}`),
      ),
      { freq: 3 },
    ),
  );
  const extra = fc.option(
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 10 }), urlValue(undefined, resolve))
      .map(([k, v]) => `${urlText(k)}=${v}`),
    { freq: 2 },
  );
  return fc.tuple(fc.tuple(...pairs), extra).map(([chosen, more]) => {
    const parts = [...chosen, more].filter((part): part is string => typeof part === 'string');
    return parts.length ? `?${parts.join('&')}` : '';
  });
}

const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/** Requests to one operation, each malformed in one or several ways, from one of `callers` callers. */
export function malformedRequests(
  operation: FuzzOperation,
  resolve: SchemaResolver,
  callers: number,
): fc.Arbitrary<FuzzRequest> {
  const bodies = BODY_METHODS.has(operation.method) ? rawBody(operation.body, resolve) : fc.constant(undefined);
  return fc
    .record({
      path: pathOf(operation, resolve),
      query: queryOf(operation, resolve),
      body: bodies,
      type: contentType,
      encoding: contentEncoding,
      caller: fc.nat({ max: callers - 1 }),
    })
    .map(({ path, query, body, type, encoding, caller }) => {
      const headers: Record<string, string> = {};
      if (body !== undefined && type) headers['content-type'] = type;
      if (body !== undefined && encoding) headers['content-encoding'] = encoding;
      return { method: operation.method.toUpperCase(), url: `${path}${query}`, headers, body, caller };
    });
}
