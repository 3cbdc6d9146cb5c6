// Keys are built by the services, never taken from a request: each segment is a plain name (letters,
// digits, dot, dash, underscore, starting with a letter or digit), so neither adapter can be led outside
// its folder or bucket prefix by `..`, an absolute path, a backslash or an encoded separator.

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const MAX_SEGMENTS = 8;

export class InvalidObjectKeyError extends Error {
  constructor(key: string) {
    super(`invalid object key ${JSON.stringify(key.slice(0, 200))}`);
    this.name = 'InvalidObjectKeyError';
  }
}

/** Joins segments into a key, e.g. `objectKey('insurance', organisationId, fileId)`; throws on an unsafe segment. */
export function objectKey(...segments: string[]): string {
  const key = segments.join('/');
  assertObjectKey(key);
  return key;
}

export function isObjectKey(key: string): boolean {
  const segments = key.split('/');
  return segments.length >= 1 && segments.length <= MAX_SEGMENTS && segments.every((segment) => SEGMENT.test(segment));
}

export function assertObjectKey(key: string): void {
  if (!isObjectKey(key)) throw new InvalidObjectKeyError(key);
}
