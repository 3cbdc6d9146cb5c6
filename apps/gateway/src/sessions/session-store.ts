import type { Redis } from '@salle/redis';
import type { IdentityProvider } from '@salle/contracts';
import { isRandomId, randomId } from './random-id';

/** What the gateway keeps about a logged-in browser; never sent to it. */
export interface SessionData {
  accountId: string;
  provider: IdentityProvider;
  displayName: string;
  roles: 'department_admin'[];
  email?: string;
  siret?: string;
  organisationLabel?: string;
  /** The level of assurance of the login (the ID token's acr). Absent from sessions opened before it was kept. */
  acr?: string;
  /** The raw ID token, sent back as `id_token_hint` at logout. */
  idToken: string;
  csrfToken: string;
  createdAt: number;
}

export interface Session extends SessionData {
  id: string;
  /** When the session ends if the browser stays idle (never after the absolute limit). */
  expiresAt: number;
}

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

// One round trip per request: read the session, drop it past its absolute
// limit, otherwise push its idle expiry back (never past the absolute limit).
const TOUCH = `
local v = redis.call('HMGET', KEYS[1], 'data', 'absoluteExpiresAt')
if not v[1] then return nil end
local remaining = tonumber(v[2]) - tonumber(ARGV[1])
if remaining <= 0 then
  redis.call('DEL', KEYS[1])
  return nil
end
local ttl = math.min(tonumber(ARGV[2]), remaining)
redis.call('PEXPIRE', KEYS[1], ttl)
return {v[1], tostring(ttl)}
`;

/**
 * Sessions in Redis under an opaque 256-bit id. The idle timeout is the
 * key's TTL, renewed on each use; the absolute timeout is stored beside the
 * data and enforced on read.
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly timeouts: SessionTimeouts,
  ) {}

  private key(id: string) {
    return `session:${id}`;
  }

  /** The ids of an account's sessions (some perhaps expired since): to count them and to end them all. */
  private accountKey(accountId: string) {
    return `account-sessions:${accountId}`;
  }

  async create(data: Omit<SessionData, 'csrfToken' | 'createdAt'>, now = Date.now()): Promise<Session> {
    const id = randomId();
    const full: SessionData = { ...data, csrfToken: randomId(), createdAt: now };
    const ttl = Math.min(this.timeouts.idleMs, this.timeouts.absoluteMs);
    await this.redis
      .multi()
      .hset(this.key(id), 'data', JSON.stringify(full), 'absoluteExpiresAt', String(now + this.timeouts.absoluteMs))
      .pexpire(this.key(id), ttl)
      .sadd(this.accountKey(data.accountId), id)
      // No session of the account outlives the newest one's absolute limit.
      .pexpire(this.accountKey(data.accountId), this.timeouts.absoluteMs)
      .exec();
    return { ...full, id, expiresAt: now + ttl };
  }

  /** The live session of this id, its idle expiry renewed; undefined for unknown, expired or malformed ids. */
  async touch(id: string | undefined, now = Date.now()): Promise<Session | undefined> {
    if (!isRandomId(id)) return undefined;
    const found = (await this.redis.eval(TOUCH, 1, this.key(id), String(now), String(this.timeouts.idleMs))) as
      [string, string] | null;
    if (!found) return undefined;
    return { ...(JSON.parse(found[0]) as SessionData), id, expiresAt: now + Number(found[1]) };
  }

  async destroy(id: string | undefined): Promise<void> {
    if (isRandomId(id)) await this.redis.del(this.key(id));
  }

  /** How many sessions of the account are alive; the ids of ended ones are dropped from its index. */
  async countFor(accountId: string): Promise<number> {
    const ids = await this.redis.smembers(this.accountKey(accountId));
    const alive = await Promise.all(ids.map((id) => this.redis.exists(this.key(id))));
    const ended = ids.filter((_id, index) => alive[index] === 0);
    if (ended.length > 0) await this.redis.srem(this.accountKey(accountId), ...ended);
    return ids.length - ended.length;
  }

  /** Ends every session of the account (erasure, "log out everywhere"), indexed or not. */
  async destroyAllFor(accountId: string): Promise<void> {
    const ids = await this.redis.smembers(this.accountKey(accountId));
    await this.redis.del(...ids.map((id) => this.key(id)), this.accountKey(accountId));
    for (const id of await this.unindexedSessionsOf(accountId)) await this.redis.del(this.key(id));
  }

  /**
   * Sessions opened before the per-account index existed (none past their absolute limit, 12 h by default, after
   * the upgrade): found by reading every session, which only an erasure does, so that none survives it.
   */
  private async unindexedSessionsOf(accountId: string): Promise<string[]> {
    const prefix = this.redis.options.keyPrefix ?? '';
    const found: string[] = [];
    // SCAN's pattern is not prefixed by ioredis, its answers are full key names.
    const stream = this.redis.scanStream({ match: `${prefix}${this.key('*')}`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      for (const key of keys) {
        const id = key.slice(prefix.length + this.key('').length);
        const data = await this.redis.hget(this.key(id), 'data');
        if (data && (JSON.parse(data) as Partial<SessionData>).accountId === accountId) found.push(id);
      }
    }
    return found;
  }
}
