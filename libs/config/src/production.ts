import { ConfigError } from './config-error';

// Rules every service applies when NODE_ENV=production, where a development
// default or a placeholder would silently weaken a real deployment.

export function isProduction(config: { NODE_ENV?: string }): boolean {
  return config.NODE_ENV === 'production';
}

/** Shorter database passwords are refused in production. */
export const MIN_DATABASE_PASSWORD_LENGTH = 12;

/**
 * Placeholders of examples and tutorials, and the usual first guesses of an
 * attacker. A password containing one (case and punctuation ignored, so
 * `Change-Me-2026!` too) is refused in production.
 */
export const WEAK_PASSWORD_WORDS: readonly string[] = [
  'changeme',
  'password',
  'motdepasse',
  'postgres',
  'secret',
  'example',
  'admin',
  'root',
  'salle',
  '123456',
  'azerty',
  'qwerty',
];

function normalise(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** True when the password is missing, short, a placeholder, or contains the user name. */
export function isWeakPassword(password: string, user = ''): boolean {
  const words = normalise(user).length >= 3 ? [...WEAK_PASSWORD_WORDS, normalise(user)] : WEAK_PASSWORD_WORDS;
  return password.length < MIN_DATABASE_PASSWORD_LENGTH || words.some((word) => normalise(password).includes(word));
}

/** A URL's user or password as PostgreSQL gets it; a stray `%` is taken literally rather than failing the start with a stack trace. */
function decoded(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}

/** The password of a PostgreSQL URL is judged, never printed. */
export function checkDatabasePassword(config: { NODE_ENV?: string; DATABASE_URL?: string }): ConfigError | undefined {
  if (!isProduction(config) || config.DATABASE_URL === undefined) return undefined;
  const url = new URL(config.DATABASE_URL);
  if (!isWeakPassword(decoded(url.password), decoded(url.username))) return undefined;
  return new ConfigError(
    'DATABASE_URL',
    `a PostgreSQL URL with a strong password: at least ${MIN_DATABASE_PASSWORD_LENGTH} characters, none of change-me, postgres, password or the user name (required when NODE_ENV=production)`,
    false,
  );
}

/** An https:// URL (`value` already parsed as an http(s) URL): over plain http the session cookies lose `Secure` and return addresses can be tampered with. */
export function checkHttps(
  config: { NODE_ENV?: string },
  variable: string,
  value: string | undefined,
): ConfigError | undefined {
  if (!isProduction(config) || value === undefined || new URL(value).protocol === 'https:') return undefined;
  return new ConfigError(variable, 'an https:// URL (http:// is refused when NODE_ENV=production)', false);
}
