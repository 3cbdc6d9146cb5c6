import { createHmac, timingSafeEqual } from 'node:crypto';
import { assertObjectKey } from './keys';

/** A download link's proof: the expiry (seconds since the epoch) and an HMAC-SHA256 over the key and it. */
export interface DownloadSignature {
  expires: number;
  signature: string;
}

export type LinkCheck = 'valid' | 'expired' | 'invalid';

function mac(key: string, expires: number, secret: string): Buffer {
  // The newline cannot appear in a key (objectKey refuses it), so key and expiry cannot be shifted into each other.
  return createHmac('sha256', secret).update(`${key}\n${expires}`).digest();
}

/** Signs a short-lived download of `key`, valid until `expiresAt` (rounded down to the second). */
export function signDownload(key: string, expiresAt: Date, secret: string): DownloadSignature {
  assertObjectKey(key);
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return { expires, signature: mac(key, expires, secret).toString('base64url') };
}

/**
 * Checks a link's signature in constant time, then its expiry: a forged or altered link is `invalid` whatever
 * its date, so the answer tells an attacker nothing about the secret.
 */
export function checkDownload(
  key: string,
  link: { expires: number; signature: string },
  secret: string,
  now = new Date(),
): LinkCheck {
  if (!Number.isSafeInteger(link.expires)) return 'invalid';
  const expected = mac(key, link.expires, secret);
  const given = Buffer.from(link.signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return link.expires * 1000 > now.getTime() ? 'valid' : 'expired';
}
