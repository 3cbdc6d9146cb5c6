import { invalidRequest } from './stripe-error';

/** A decoded form body or query: strings, arrays and nested objects, as `qs` gives them. */
export type Params = Record<string, unknown>;

/** Refuses parameters the endpoint does not know, as Stripe does ("Received unknown parameter"). */
export function onlyKnown(params: Params, known: readonly string[], prefix = ''): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) {
      const name = prefix ? `${prefix}[${key}]` : key;
      throw invalidRequest(`Received unknown parameter: ${name}`, name, 'parameter_unknown');
    }
  }
}

export function objectParam(params: Params, name: string, prefix = ''): Params | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || value === null) {
    throw invalidRequest(`Invalid object`, fullName(prefix, name), 'parameter_invalid_empty');
  }
  return value as Params;
}

export function stringParam(params: Params, name: string, prefix = ''): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw invalidRequest(`Invalid string: ${JSON.stringify(value)}`, fullName(prefix, name));
  return value;
}

export function requiredString(params: Params, name: string, prefix = ''): string {
  const value = stringParam(params, name, prefix);
  if (!value)
    throw invalidRequest(
      `Missing required param: ${fullName(prefix, name)}.`,
      fullName(prefix, name),
      'parameter_missing',
    );
  return value;
}

export function integerParam(params: Params, name: string, prefix = ''): number | undefined {
  const value = stringParam(params, name, prefix);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value))
    throw invalidRequest(`Invalid integer: ${value}`, fullName(prefix, name), 'parameter_invalid_integer');
  return Number(value);
}

export function booleanParam(params: Params, name: string, prefix = ''): boolean | undefined {
  const value = stringParam(params, name, prefix);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw invalidRequest(`Invalid boolean: ${value}`, fullName(prefix, name));
  return value === 'true';
}

/** `a[0]=x&a[1]=y` (what the SDK sends for arrays), or a single value. */
export function listParam(params: Params, name: string): string[] {
  const value = params[name];
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'object' && value !== null) return Object.values(value).map(String);
  return [];
}

/** Metadata: at most 50 string keys of 40 characters, values of 500. */
export function metadataParam(params: Params, prefix = ''): Record<string, string> {
  const value = objectParam(params, 'metadata', prefix);
  if (!value) return {};
  const entries = Object.entries(value);
  if (entries.length > 50) throw invalidRequest('Metadata can have at most 50 keys.', fullName(prefix, 'metadata'));
  const metadata: Record<string, string> = {};
  for (const [key, item] of entries) {
    if (typeof item !== 'string' || key.length > 40 || item.length > 500) {
      throw invalidRequest(`Invalid metadata value for key ${key}.`, `${fullName(prefix, 'metadata')}[${key}]`);
    }
    metadata[key] = item;
  }
  return metadata;
}

function fullName(prefix: string, name: string): string {
  return prefix ? `${prefix}[${name}]` : name;
}
