import { createHmac } from 'node:crypto';

/**
 * The client's IP as logs and rate-limit keys keep it: an HMAC-SHA256 of the
 * address and the UTC day, keyed with GATEWAY_CLIENT_PSEUDONYM_SECRET. The
 * same address gives the same pseudonym all day (a burst, an abuse can be
 * followed), a new one the next day, and without the secret nobody can tell
 * which address it was (IPv4 space is small enough to hash in full: a plain
 * hash would not hide it).
 */
export function clientPseudonym(secret: string, ip: string, now: Date = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  return createHmac('sha256', secret).update(`${day}\n${ip}`).digest('base64url').slice(0, 22);
}

/** The pseudonym of a request's client (`req.ip`, as the trusted proxies give it). */
export function requestPseudonym(secret: string): (req: { ip?: string }) => string {
  return (req) => clientPseudonym(secret, req.ip ?? 'unknown');
}
