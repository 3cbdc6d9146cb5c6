import { z } from 'zod';

// Builders for environment variables. Each carries a description of what is
// expected, used in the one-line error when the variable is wrong.

export function port(defaultPort: number) {
  return z.coerce
    .number()
    .int()
    .min(1)
    .max(65535)
    .default(defaultPort)
    .describe('a TCP port number between 1 and 65535');
}

export function url(protocols: readonly string[], description?: string) {
  return z
    .string()
    .trim()
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    })
    .describe(description ?? `a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`);
}

export function postgresUrl() {
  return url(['postgres', 'postgresql'], 'a PostgreSQL URL such as postgres://user:password@host:5432/database');
}

export function redisUrl() {
  return url(['redis', 'rediss'], 'a Redis URL such as redis://127.0.0.1:6379');
}

export function httpUrl() {
  return url(['http', 'https'], 'an http:// or https:// URL');
}

export function logLevel() {
  return z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('one of fatal, error, warn, info, debug, trace, silent');
}

export function nodeEnv() {
  return z
    .enum(['development', 'test', 'production'])
    .default('development')
    .describe('one of development, test, production');
}

export function positiveInt(defaultValue: number, unit: string) {
  return z.coerce.number().int().positive().default(defaultValue).describe(`a positive whole number of ${unit}`);
}

export function secret(minLength: number) {
  return z.string().min(minLength).describe(`a secret of at least ${minLength} characters`);
}

export function flag(defaultValue: boolean) {
  return z
    .enum(['true', 'false', '1', '0'])
    .default(defaultValue ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1')
    .describe('true or false');
}

export function text() {
  return z.string().trim().min(1).describe('a non-empty text');
}

export interface ListOptions {
  defaults?: readonly string[];
  /** Whether one item is acceptable. */
  item: (value: string) => boolean;
  description: string;
  lowerCase?: boolean;
  /** Refuse an empty list. */
  required?: boolean;
}

/** A comma-separated list, trimmed, empty items dropped, each item checked. */
export function list(options: ListOptions) {
  return z
    .string()
    .default((options.defaults ?? []).join(','))
    .transform((value) =>
      value
        .split(',')
        .map((item) => (options.lowerCase ? item.trim().toLowerCase() : item.trim()))
        .filter(Boolean),
    )
    .refine((items) => (!options.required || items.length > 0) && items.every(options.item))
    .describe(options.description);
}

/** True for an absolute http:// or https:// URL. */
export function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** `host:port` (an IPv6 address in brackets), the port between 1 and 65535. */
export function isHostPort(value: string): boolean {
  const port = Number(HOST_PORT.exec(value)?.[2]);
  return port >= 1 && port <= 65535;
}

/** `REDIS_SENTINELS`: the Sentinels to ask for the Redis primary; empty (the default) for no Sentinel. */
export function redisSentinels() {
  return list({ item: isHostPort, description: 'comma-separated host:port of Redis Sentinels, or nothing' });
}

/** `REDIS_SENTINEL_NAME`: the primary's name in the Sentinels' configuration. */
export function redisSentinelName() {
  return text().default('mymaster');
}
