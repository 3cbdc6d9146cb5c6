import { randomBytes } from 'node:crypto';
import { resourceMissing } from './stripe-error';

/** A Stripe API object as the sandbox keeps it: what the API returns, ids in place of expandable objects. */
export interface StripeObject {
  id: string;
  object: string;
  [field: string]: unknown;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/**
 * Every object the sandbox created, by id, in memory: a sandbox restart
 * forgets everything, like a fresh Stripe test account.
 */
export class SandboxStore {
  private readonly objects = new Map<string, StripeObject>();
  /** The connected account an object belongs to (null: the platform). */
  private readonly owners = new Map<string, string | null>();

  newId(prefix: string): string {
    return `${prefix}_${randomToken(prefix.startsWith('cs') ? 58 : 24)}`;
  }

  /** Unix seconds, as Stripe timestamps are. */
  now(): number {
    return Math.floor(Date.now() / 1000);
  }

  put<T extends StripeObject>(object: T, owner: string | null = null): T {
    this.objects.set(object.id, object);
    if (!this.owners.has(object.id)) this.owners.set(object.id, owner);
    return object;
  }

  find(id: string): StripeObject | undefined {
    return this.objects.get(id);
  }

  get(id: string, kind: string, param = 'id'): StripeObject {
    const object = this.objects.get(id);
    if (!object || object.object !== kind) throw resourceMissing(kind, id, param);
    return object;
  }

  ownerOf(id: string): string | null {
    return this.owners.get(id) ?? null;
  }

  all(kind: string, owner?: string | null): StripeObject[] {
    const found: StripeObject[] = [];
    for (const object of this.objects.values()) {
      if (object.object !== kind) continue;
      if (owner !== undefined && this.ownerOf(object.id) !== owner) continue;
      found.push(object);
    }
    return found;
  }
}
