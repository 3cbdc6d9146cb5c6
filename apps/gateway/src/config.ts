import type { JWK } from 'jose';
import { z } from 'zod';
import { publishedJwk } from '@salle/auth';
import { allRetentionVariables, ConfigError, defineConfig, env, production } from '@salle/config';
import {
  RETENTION_PERIODS,
  type IdentityProvider,
  type RetentionSettings,
  type RetentionVariable,
} from '@salle/contracts';
import { MINIMAL_SCOPES } from './oidc/minimal-claims';
import { legalProblem, readSiteBranding } from './web/site-branding';
import { readSiteFile, readSiteTheme } from './web/theme';
import { siteConfigPath } from './web/web-build';

// Development defaults: the identity sandbox as `npm start` runs it.
const SANDBOX_URL = 'http://127.0.0.1:3003';
export const SANDBOX_DEFAULTS = {
  franceconnect: {
    issuer: `${SANDBOX_URL}/franceconnect/api/v2`,
    clientId: 'salle-sur-demande-franceconnect',
    clientSecret: 'franceconnect-sandbox-client-secret-not-for-production',
  },
  proconnect: {
    issuer: `${SANDBOX_URL}/proconnect/api/v2`,
    clientId: 'salle-sur-demande-proconnect',
    clientSecret: 'proconnect-sandbox-client-secret-not-for-production',
  },
  clientPseudonymSecret: 'client-pseudonym-sandbox-secret-not-for-production',
  departmentAdmins: ['nathalie.roux@agents.sandbox.test', 'thomas.girard@agents.sandbox.test'],
} as const;

/** 127.0.0.0/8, ::1 and localhost: the only hosts an issuer may be reached on over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function issuerUrl(defaultValue: string) {
  return z
    .string()
    .trim()
    .default(defaultValue)
    .refine((value) => {
      try {
        const url = new URL(value);
        if (url.search || url.hash || value.endsWith('/')) return false;
        return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
      } catch {
        return false;
      }
    })
    .describe(
      'an https:// issuer URL without trailing slash (http:// only on loopback), e.g. https://oidc.franceconnect.gouv.fr/api/v2',
    );
}

function withDefault(schema: z.ZodString, value: string) {
  return schema.default(value).describe(schema.description ?? 'a valid value');
}

function publicUrl() {
  return (
    z
      .string()
      .trim()
      .default('http://127.0.0.1:3000')
      .refine((value) => {
        try {
          const url = new URL(value);
          return (
            ['http:', 'https:'].includes(url.protocol) && url.pathname === '/' && !url.search && !value.endsWith('/')
          );
        } catch {
          return false;
        }
      })
      // As browsers send it in Origin (default ports dropped, host in lower case).
      .transform((value) => new URL(value).origin)
      .describe('the origin browsers use, without path or trailing slash, e.g. https://salles.isere.fr')
  );
}

/** Space-separated scopes including openid, each of them one the product uses (data minimisation). */
function scopeList(provider: IdentityProvider) {
  const allowed = MINIMAL_SCOPES[provider];
  return z
    .string()
    .trim()
    .default(allowed.join(' '))
    .refine((value) => value.split(/\s+/).includes('openid'))
    .refine((value) => value.split(/\s+/).every((scope) => allowed.includes(scope)))
    .describe(`space-separated OpenID scopes including openid, among: ${allowed.join(' ')}`);
}

export interface PrivateEcJwk extends JWK {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  d: string;
}

function parsePrivateEcJwk(value: string): PrivateEcJwk | undefined {
  try {
    const jwk = JSON.parse(value) as Record<string, unknown>;
    const parts = ['x', 'y', 'd'].every(
      (name) => typeof jwk[name] === 'string' && /^[A-Za-z0-9_-]{43}$/.test(jwk[name] as string),
    );
    return jwk['kty'] === 'EC' && jwk['crv'] === 'P-256' && parts ? (jwk as unknown as PrivateEcJwk) : undefined;
  } catch {
    return undefined;
  }
}

function signingJwk() {
  return z
    .string()
    .trim()
    .refine((value) => parsePrivateEcJwk(value) !== undefined)
    .transform((value) => parsePrivateEcJwk(value) as PrivateEcJwk)
    .optional()
    .describe('a private EC P-256 JWK in JSON: {"kty":"EC","crv":"P-256","x":…,"y":…,"d":…,"kid":…}');
}

/** A JSON array of public EC P-256 JWKs with their kid (or a JWKS: `{"keys":[...]}`); private ones are refused. */
function parsePublishedJwks(value: string): JWK[] | undefined {
  try {
    const parsed = JSON.parse(value) as unknown;
    const list = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(list)) return undefined;
    const keys = list as JWK[];
    return keys.every((jwk) => jwk.d === undefined && publishedJwk(jwk) !== undefined) ? keys : undefined;
  } catch {
    return undefined;
  }
}

function publishedJwks() {
  return z
    .string()
    .trim()
    .refine((value) => parsePublishedJwks(value) !== undefined)
    .transform((value) => parsePublishedJwks(value) ?? [])
    .default([])
    .describe(
      'a JSON array of public EC P-256 JWKs, each with its "kid" and without "d": [{"kty":"EC","crv":"P-256","x":…,"y":…,"kid":…}]',
    );
}

/**
 * How many reverse proxies stand between browsers and the gateway, each
 * appending the address it saw to X-Forwarded-For. None by default: the
 * client IP (rate limits) is then the connection's, whatever a client writes
 * in that header.
 */
function trustProxyHops() {
  return z.coerce
    .number()
    .int()
    .min(0)
    .max(10)
    .default(0)
    .describe('a whole number of reverse proxies in front of the gateway, from 0 to 10');
}

export const gatewayConfig = defineConfig(
  {
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    GATEWAY_HOST: withDefault(env.text(), '127.0.0.1'),
    GATEWAY_PORT: env.port(3000),
    /** The metrics listener (Prometheus `/metrics`), apart from the public port: keep it off public networks. */
    GATEWAY_METRICS_HOST: withDefault(env.text(), '127.0.0.1'),
    GATEWAY_METRICS_PORT: env.port(9400),
    /** Where browsers reach the gateway: callback URLs, cookie security and the CSRF origin check derive from it. */
    GATEWAY_PUBLIC_URL: publicUrl(),
    GATEWAY_TRUST_PROXY_HOPS: trustProxyHops(),
    /** Key of the daily pseudonyms that stand for client IPs in logs and rate-limit keys (32 characters or more). */
    GATEWAY_CLIENT_PSEUDONYM_SECRET: withDefault(env.secret(32), SANDBOX_DEFAULTS.clientPseudonymSecret),
    DATABASE_URL: env.postgresUrl(),
    REDIS_URL: env.redisUrl().default('redis://127.0.0.1:6379'),
    REDIS_SENTINELS: env.redisSentinels(),
    REDIS_SENTINEL_NAME: env.redisSentinelName(),
    /** Prefix of the event streams, shared by every service of the deployment (membership changes come from booking). */
    EVENTS_KEY_PREFIX: withDefault(env.text(), 'salle:events:'),

    FRANCECONNECT_ISSUER: issuerUrl(SANDBOX_DEFAULTS.franceconnect.issuer),
    FRANCECONNECT_CLIENT_ID: withDefault(env.text(), SANDBOX_DEFAULTS.franceconnect.clientId),
    FRANCECONNECT_CLIENT_SECRET: withDefault(env.secret(16), SANDBOX_DEFAULTS.franceconnect.clientSecret),
    /** Must stay within the service's FranceConnect habilitation (DataPass). */
    FRANCECONNECT_SCOPES: scopeList('franceconnect'),
    PROCONNECT_ISSUER: issuerUrl(SANDBOX_DEFAULTS.proconnect.issuer),
    PROCONNECT_CLIENT_ID: withDefault(env.text(), SANDBOX_DEFAULTS.proconnect.clientId),
    PROCONNECT_CLIENT_SECRET: withDefault(env.secret(16), SANDBOX_DEFAULTS.proconnect.clientSecret),
    PROCONNECT_SCOPES: scopeList('proconnect'),
    /** Discovery, token, userinfo and JWKS calls to the providers. */
    OIDC_HTTP_TIMEOUT_MS: env.positiveInt(10_000, 'milliseconds'),

    SESSION_IDLE_TIMEOUT_SECONDS: env.positiveInt(30 * 60, 'seconds'),
    SESSION_ABSOLUTE_TIMEOUT_SECONDS: env.positiveInt(12 * 60 * 60, 'seconds'),
    /** Private EC P-256 JWK (JSON) signing the internal tokens; generated at start outside production. */
    INTERNAL_SIGNING_KEY: signingJwk(),
    /** Public keys published in the internal JWKS beside the signing key's own: the next and previous keys of a rotation. */
    INTERNAL_PUBLISHED_KEYS: publishedJwks(),
    /** ProConnect agents with one of these e-mails are département admins. */
    DEPARTMENT_ADMIN_EMAILS: env.list({
      defaults: SANDBOX_DEFAULTS.departmentAdmins,
      lowerCase: true,
      item: (email) => /^[^\s@]+@[^\s@]+$/.test(email),
      description: 'a comma-separated list of e-mail addresses',
    }),

    BOOKING_URL: env.httpUrl().default('http://127.0.0.1:3001'),
    PAYMENT_URL: env.httpUrl().default('http://127.0.0.1:3002'),
    NOTIFICATION_URL: env.httpUrl().default('http://127.0.0.1:3005'),
    /** The built web app (`vite build` of apps/web); the gateway serves it when the folder exists. */
    GATEWAY_WEB_DIR: withDefault(env.text(), 'dist/apps/web'),
    /** The département's name, logo, colours and legal details (JSON, see apps/web/README.md); default: the web build's config.json. */
    GATEWAY_SITE_CONFIG: env.text().optional(),
    /** Development only: Vite's dev server, proxied for every page instead of the built app. */
    GATEWAY_WEB_DEV_URL: env.httpUrl().optional(),
    /** A proxied call whose upstream stays silent this long gets a 504. */
    PROXY_TIMEOUT_MS: env.positiveInt(30_000, 'milliseconds'),

    /** Every retention period (RETENTION_PERIODS, @salle/contracts): inactive accounts enforced here, all published. */
    ...allRetentionVariables(),
    /** How often the retention job warns, then erases, the accounts without activity. */
    GATEWAY_RETENTION_INTERVAL_MS: env.positiveInt(3_600_000, 'milliseconds'),

    RATE_LIMIT_WINDOW_SECONDS: env.positiveInt(60, 'seconds'),
    /** Requests to /auth/* per client IP and window. */
    AUTH_RATE_LIMIT: env.positiveInt(60, 'requests'),
    /** State-changing /api requests per account (per IP when anonymous) and window. */
    API_WRITE_RATE_LIMIT: env.positiveInt(120, 'requests'),
  },
  checkGatewayConfig,
);

export type GatewayConfig = ReturnType<typeof gatewayConfig.parse>;

/** The retention periods of this deployment, as the personal-data page states them. */
export function retentionSettingsOf(config: GatewayConfig): RetentionSettings {
  const names = Object.keys(RETENTION_PERIODS) as RetentionVariable[];
  return Object.fromEntries(names.map((name) => [name, config[name]])) as RetentionSettings;
}

/** What the checks below read: each may be absent when it failed to parse (already reported). */
interface CheckedSettings {
  NODE_ENV?: string;
  GATEWAY_PUBLIC_URL?: string;
  DATABASE_URL?: string;
  SESSION_IDLE_TIMEOUT_SECONDS?: number;
  SESSION_ABSOLUTE_TIMEOUT_SECONDS?: number;
  INTERNAL_SIGNING_KEY?: PrivateEcJwk;
  FRANCECONNECT_CLIENT_SECRET?: string;
  PROCONNECT_CLIENT_SECRET?: string;
  GATEWAY_CLIENT_PSEUDONYM_SECRET?: string;
  DEPARTMENT_ADMIN_EMAILS?: readonly string[];
  GATEWAY_WEB_DIR?: string;
  GATEWAY_SITE_CONFIG?: string | undefined;
}

/**
 * The site configuration: a theme colour below WCAG AA or a logo or favicon
 * that is no SVG or PNG image is refused at start; in production, so is a
 * missing legal field.
 */
function siteProblems(config: CheckedSettings): (ConfigError | undefined)[] {
  if (config.GATEWAY_WEB_DIR === undefined) return [];
  const file = siteConfigPath({
    GATEWAY_WEB_DIR: config.GATEWAY_WEB_DIR,
    GATEWAY_SITE_CONFIG: config.GATEWAY_SITE_CONFIG,
  });
  const problems: (ConfigError | undefined)[] = [];
  const check = (read: () => unknown) => {
    try {
      read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error);
    }
  };
  let raw: unknown;
  check(() => (raw = readSiteFile(file)));
  if (problems.length > 0) return problems;
  check(() => readSiteTheme(file));
  check(() => readSiteBranding(raw, file));
  if (production.isProduction(config)) problems.push(legalProblem(raw, file));
  return problems;
}

/**
 * Rules that depend on several variables, checked after parsing. In
 * production the sandbox's defaults (well-known client secrets and admins),
 * a throw-away signing key, plain http and a weak database password are refused.
 */
export function checkGatewayConfig(config: CheckedSettings): (ConfigError | undefined)[] {
  const problems: (ConfigError | undefined)[] = [];
  const { SESSION_ABSOLUTE_TIMEOUT_SECONDS: absolute, SESSION_IDLE_TIMEOUT_SECONDS: idle } = config;
  if (absolute !== undefined && idle !== undefined && absolute < idle) {
    problems.push(
      new ConfigError('SESSION_ABSOLUTE_TIMEOUT_SECONDS', 'a duration at least SESSION_IDLE_TIMEOUT_SECONDS', false),
    );
  }
  problems.push(...siteProblems(config));
  if (!production.isProduction(config)) return problems;
  if (!config.INTERNAL_SIGNING_KEY) {
    problems.push(
      new ConfigError(
        'INTERNAL_SIGNING_KEY',
        'a private EC P-256 JWK in JSON (required when NODE_ENV=production)',
        true,
      ),
    );
  }
  const sandboxSecrets = [
    ['FRANCECONNECT_CLIENT_SECRET', config.FRANCECONNECT_CLIENT_SECRET, SANDBOX_DEFAULTS.franceconnect.clientSecret],
    ['PROCONNECT_CLIENT_SECRET', config.PROCONNECT_CLIENT_SECRET, SANDBOX_DEFAULTS.proconnect.clientSecret],
  ] as const;
  for (const [name, value, sandboxValue] of sandboxSecrets) {
    if (value === sandboxValue) {
      problems.push(
        new ConfigError(
          name,
          'the secret given by the federation (the sandbox default is refused when NODE_ENV=production)',
          true,
        ),
      );
    }
  }
  if (config.GATEWAY_CLIENT_PSEUDONYM_SECRET === SANDBOX_DEFAULTS.clientPseudonymSecret) {
    problems.push(
      new ConfigError(
        'GATEWAY_CLIENT_PSEUDONYM_SECRET',
        'a random secret of 32 characters or more (the sandbox default is refused when NODE_ENV=production)',
        true,
      ),
    );
  }
  const sandboxAdmins: readonly string[] = SANDBOX_DEFAULTS.departmentAdmins;
  if (config.DEPARTMENT_ADMIN_EMAILS?.some((email) => sandboxAdmins.includes(email))) {
    problems.push(
      new ConfigError(
        'DEPARTMENT_ADMIN_EMAILS',
        'the ProConnect e-mails of the département’s administrators (the sandbox’s are refused when NODE_ENV=production)',
        false,
      ),
    );
  }
  problems.push(
    production.checkHttps(config, 'GATEWAY_PUBLIC_URL', config.GATEWAY_PUBLIC_URL),
    production.checkDatabasePassword(config),
  );
  return problems;
}
