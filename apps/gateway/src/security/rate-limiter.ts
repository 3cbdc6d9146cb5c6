import type { Redis } from '@salle/redis';

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfterSeconds: number;
}

// Fixed window: one counter per key and window, created with its expiry.
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

/** Counts requests per key in Redis, so every gateway replica shares the same limits. */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  async hit(key: string): Promise<RateLimitResult> {
    const [count, ttl] = (await this.redis.eval(HIT, 1, `ratelimit:${this.name}:${key}`, String(this.windowMs))) as [
      number,
      number,
    ];
    return { allowed: count <= this.limit, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
  }
}
