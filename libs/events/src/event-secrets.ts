import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { ConfigError, env, production } from '@salle/config';

/**
 * The key every service of a deployment shares for the secrets some events carry (a claim code, an invitation
 * link's secret) when nothing is configured: development and tests only, refused when NODE_ENV=production.
 */
export const DEVELOPMENT_EVENT_SECRET_KEY = 'development-only-event-secret-key--refused-in-production';

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals and opens the secrets that travel inside event payloads, so that the producer's outbox, the Redis stream,
 * the consumers' dead letters and any copy of them hold ciphertext only. AES-256-GCM with a key derived (HKDF-SHA-256)
 * from `EVENT_SECRET_KEY`; `context` (the event type) is authenticated with it, so a sealed value cannot be moved
 * to another kind of event.
 */
export interface EventSecrets {
  seal(plaintext: string, context: string): string;
  /** Throws when the value was not sealed with this key and context, or was altered. */
  open(sealed: string, context: string): string;
}

export function eventSecrets(secret: string): EventSecrets {
  const key = Buffer.from(hkdfSync('sha256', secret, 'salle:event-secrets', 'aes-256-gcm', 32));
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${FORMAT}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed, context) {
      const [format, iv, body] = sealed.split('.');
      if (format !== FORMAT || !iv || !body) throw new Error('not a sealed event secret');
      const bytes = Buffer.from(body, 'base64url');
      if (bytes.length < TAG_BYTES) throw new Error('not a sealed event secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(context));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

/** The variable, for a service's `defineConfig` (every producer and consumer of such events reads the same one). */
export function eventSecretVariables() {
  return {
    /** Shared by booking and notification: seals the secrets events carry (claim codes, invitation links). */
    EVENT_SECRET_KEY: env.secret(32).optional(),
  };
}

/** Production refuses a missing key and the development one. */
export function checkEventSecretConfig(config: { NODE_ENV?: string; EVENT_SECRET_KEY?: string }) {
  if (!production.isProduction(config)) return undefined;
  if (config.EVENT_SECRET_KEY && config.EVENT_SECRET_KEY !== DEVELOPMENT_EVENT_SECRET_KEY) return undefined;
  return new ConfigError(
    'EVENT_SECRET_KEY',
    'a random secret of at least 32 characters shared by booking and notification (required when NODE_ENV=production)',
    !config.EVENT_SECRET_KEY,
  );
}

/** The configured key, or the development one. */
export function eventSecretsOf(config: { EVENT_SECRET_KEY?: string }): EventSecrets {
  return eventSecrets(config.EVENT_SECRET_KEY ?? DEVELOPMENT_EVENT_SECRET_KEY);
}
