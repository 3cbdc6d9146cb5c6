import { randomBytes } from 'node:crypto';

/** The Redis server of the test run (real, from the global setup). */
export function testRedisUrl(): string {
  const url = process.env['TEST_REDIS_URL'];
  if (!url) throw new Error('TEST_REDIS_URL is not set: run the tests through jest (its global setup provides Redis).');
  return url;
}

/** A key prefix no other suite or run uses, for isolation on a shared server. */
export function uniqueKeyPrefix(label = 'test'): string {
  return `t:${label}:${Date.now().toString(36)}${randomBytes(3).toString('hex')}:`;
}
