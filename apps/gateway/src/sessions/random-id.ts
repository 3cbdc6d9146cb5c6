import { randomBytes } from 'node:crypto';

/** 32 bytes from the CSPRNG, base64url: 43 characters. Session ids, login bindings, CSRF tokens. */
export function randomId(): string {
  return randomBytes(32).toString('base64url');
}

const RANDOM_ID = /^[A-Za-z0-9_-]{43}$/;

/** Whether a value read from a cookie or a query could be one of our ids, before it goes near Redis. */
export function isRandomId(value: string | undefined): value is string {
  return value !== undefined && RANDOM_ID.test(value);
}
