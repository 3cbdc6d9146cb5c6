/**
 * Redis key names of the event system. Every service of a deployment must use
 * the same `keyPrefix` (default `salle:events:`): streams are shared between
 * services, unlike the per-service prefix of the clients from `@salle/redis`.
 *
 * The lib builds full key names itself and talks to Redis through connections
 * without an ioredis `keyPrefix`: ioredis prefixes the key of XADD, XREADGROUP,
 * XACK, XPENDING, XCLAIM, XAUTOCLAIM, XTRIM, XRANGE and EVAL's KEYS, but NOT
 * the key inside XGROUP and XINFO (checked with ioredis 5.11 and MONITOR), so
 * a prefixed client would create its groups on another key than it reads.
 */
export const DEFAULT_EVENTS_KEY_PREFIX = 'salle:events:';

const NAME = /^[a-z][a-z0-9_-]{0,62}$/;

export function checkName(kind: string, name: string): string {
  if (!NAME.test(name)) throw new Error(`invalid ${kind} name: ${JSON.stringify(name)} (expected ${NAME})`);
  return name;
}

export function streamKey(prefix: string, stream: string): string {
  return `${prefix}stream:${stream}`;
}

/** Written by the relay when it (re)creates its stream: its absence means Redis lost the stream. */
export function epochKey(prefix: string, stream: string): string {
  return `${prefix}stream:${stream}:epoch`;
}

export function deadLetterKey(prefix: string, group: string): string {
  return `${prefix}dead-letter:${group}`;
}

export function streamNameOf(prefix: string, key: string): string {
  const head = `${prefix}stream:`;
  return key.startsWith(head) ? key.slice(head.length) : key;
}
