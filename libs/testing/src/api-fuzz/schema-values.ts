import fc from 'fast-check';

/** The part of JSON Schema (as zod-to-openapi writes it) that the fuzzer reads. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export type SchemaResolver = (ref: string) => JsonSchema;

const DAY_MS = 86_400_000;

/**
 * The day plausible dates are drawn around: FUZZ_DAY (YYYY-MM-DD) when set, to
 * replay a failure seen on that day, otherwise today (UTC).
 */
export function fuzzDay(): string {
  const given = process.env['FUZZ_DAY'];
  return given && /^\d{4}-\d{2}-\d{2}$/.test(given) ? given : new Date().toISOString().slice(0, 10);
}

/** Dates around the fuzzing day, so that plausible requests reach the rules about the future and the past. */
const nearDate = fc
  .tuple(fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: DAY_MS - 1 }))
  .map(([days, time]) => new Date(Date.parse(fuzzDay()) + days * DAY_MS + time));

function stringValue(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return nearDate.map((date) => date.toISOString().slice(0, 10));
    case 'date-time':
      return nearDate.map((date) => date.toISOString());
    case 'email':
      return fc.emailAddress();
  }
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern));
    } catch {
      // A pattern fast-check cannot invert: any string will do, it is fuzzing.
    }
  }
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.min(schema.maxLength ?? 40, minLength + 40) });
}

function numberValue(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? -1_000_000;
  const max = schema.maximum ?? 1_000_000;
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectValue(
  schema: JsonSchema,
  resolve: SchemaResolver,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) model[name] = plausibleValue(property, resolve, depth + 1);
  const requiredKeys = (schema.required ?? []).filter((name) => name in properties);
  return fc.record(model, { requiredKeys });
}

function typedValue(type: string, schema: JsonSchema, resolve: SchemaResolver, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringValue(schema);
    case 'integer':
    case 'number':
      return numberValue(schema, type === 'integer');
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const item = schema.items ? plausibleValue(schema.items, resolve, depth + 1) : fc.string();
      return fc.array(item, { minLength, maxLength: Math.min(schema.maxItems ?? 3, minLength + 3) });
    }
    case 'object':
      return objectValue(schema, resolve, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * A value that the schema allows, or nearly: the starting point that
 * mutations then break one piece at a time, so that malformed requests get
 * past the first check and reach deeper ones.
 */
export function plausibleValue(schema: JsonSchema, resolve: SchemaResolver, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return plausibleValue(resolve(schema.$ref), resolve, depth);
  if (depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length)
    return fc.oneof(...alternatives.map((alternative) => plausibleValue(alternative, resolve, depth + 1)));
  if (schema.allOf?.[0]) return plausibleValue(schema.allOf[0], resolve, depth + 1);
  const types = Array.isArray(schema.type)
    ? schema.type
    : schema.type
      ? [schema.type]
      : [schema.properties ? 'object' : 'any'];
  return fc.oneof(...types.map((type) => typedValue(type, schema, resolve, depth)));
}
