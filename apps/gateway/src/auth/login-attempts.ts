import type { Redis } from '@salle/redis';
import { identityProviderSchema, type IdentityProvider } from '@salle/contracts';
import type { LoginAttempt } from '../oidc/federation';
import { isRandomId } from '../sessions/random-id';

const ATTEMPT_TTL_SECONDS = 10 * 60;

/**
 * Login attempts (state, nonce, PKCE verifier) and logout states, in Redis
 * for 10 minutes, each usable once. An attempt's key contains the browser
 * binding (a random cookie), so a state replayed from another browser finds
 * nothing and cannot consume the victim's attempt either.
 */
export class LoginAttempts {
  constructor(private readonly redis: Redis) {}

  async save(binding: string, attempt: LoginAttempt): Promise<void> {
    const { state, ...rest } = attempt;
    await this.redis.set(`login:${binding}:${state}`, JSON.stringify(rest), 'EX', ATTEMPT_TTL_SECONDS);
  }

  /** The attempt of this browser and state, deleted as it is read; undefined if unknown, used or expired. */
  async consume(binding: string | undefined, state: string | undefined): Promise<LoginAttempt | undefined> {
    if (!isRandomId(binding) || !isRandomId(state)) return undefined;
    const raw = await this.redis.getdel(`login:${binding}:${state}`);
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as Omit<LoginAttempt, 'state'>;
    return { ...stored, state };
  }

  async saveLogout(state: string, provider: IdentityProvider): Promise<void> {
    await this.redis.set(`logout:${state}`, provider, 'EX', ATTEMPT_TTL_SECONDS);
  }

  /** The federation a logout state was issued for, consumed; undefined for an unknown or reused state. */
  async consumeLogout(state: string | undefined): Promise<IdentityProvider | undefined> {
    if (!isRandomId(state)) return undefined;
    const raw = await this.redis.getdel(`logout:${state}`);
    const parsed = identityProviderSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }
}
