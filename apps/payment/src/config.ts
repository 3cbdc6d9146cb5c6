import { z } from 'zod';
import { checkAccountingPeriod, ConfigError, defineConfig, env, production, retentionVariables } from '@salle/config';
import {
  PAYFIP_PRODUCTION_URL,
  PAYFIP_SANDBOX_DEFAULTS,
  PAYFIP_SAISIE,
  STRIPE_SANDBOX_DEFAULTS,
} from '@salle/contracts';
import { DEFAULT_PROVIDER_KINDS, parseEstablishmentProvider } from './provider/establishment-providers';

function origin(defaultValue: string) {
  return z
    .string()
    .trim()
    .default(defaultValue)
    .refine((value) => {
      try {
        const url = new URL(value);
        return ['http:', 'https:'].includes(url.protocol) && url.pathname === '/' && !value.endsWith('/');
      } catch {
        return false;
      }
    })
    .describe('an origin without path or trailing slash, e.g. https://salles.isere.fr');
}

/** The development issuer printed on receipts; a real deployment names its département. */
export const SANDBOX_DEPARTMENT_NAME = 'Département (bac à sable)';

const webhookSecretList = (description: string) =>
  env.list({ item: (secret) => secret.startsWith('whsec_') && secret.length >= 16, description });

export const paymentConfig = defineConfig(
  {
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    PAYMENT_HOST: env.text().default('127.0.0.1'),
    PAYMENT_PORT: env.port(3002),
    /** The metrics listener (Prometheus `/metrics`), apart from the API: keep it off public networks. */
    PAYMENT_METRICS_HOST: env.text().default('127.0.0.1'),
    PAYMENT_METRICS_PORT: env.port(9402),
    DATABASE_URL: env.postgresUrl(),
    REDIS_URL: env.redisUrl().default('redis://127.0.0.1:6379'),
    REDIS_SENTINELS: env.redisSentinels(),
    REDIS_SENTINEL_NAME: env.redisSentinelName(),
    /** Where the gateway publishes the keys of the internal tokens it mints. */
    INTERNAL_JWKS_URL: env.httpUrl().default('http://127.0.0.1:3000/.well-known/internal-jwks.json'),
    /** Shared by every service of a deployment (streams of @salle/events). */
    EVENTS_KEY_PREFIX: z
      .string()
      .trim()
      .min(1)
      .default('salle:events:')
      .describe('a Redis key prefix such as salle:events:'),

    /** A real Stripe secret key (sk_live_... or sk_test_...). Unset: the local stripe-sandbox is used. */
    STRIPE_SECRET_KEY: z.string().trim().optional().describe('a Stripe secret key (sk_live_... or sk_test_...)'),
    /** The stripe-sandbox, used when STRIPE_SECRET_KEY is unset. */
    STRIPE_SANDBOX_URL: env.httpUrl().default(STRIPE_SANDBOX_DEFAULTS.url),
    STRIPE_SANDBOX_SECRET_KEY: env.text().default(STRIPE_SANDBOX_DEFAULTS.secretKey),
    /**
     * Signing secrets of the webhook endpoints (platform, a rolled one...): an
     * event passes when one of them or of the Connect ones matches. Defaults to
     * the sandbox's with the sandbox.
     */
    STRIPE_WEBHOOK_SECRETS: webhookSecretList('a comma-separated list of webhook signing secrets (whsec_...)'),
    /**
     * Signing secrets of the Connect endpoint (events of the collèges' accounts:
     * onboarding, payouts). Without them those events are refused, so production requires them.
     */
    STRIPE_CONNECT_WEBHOOK_SECRETS: webhookSecretList(
      'a comma-separated list of the Connect endpoint’s signing secrets (whsec_...)',
    ),
    STRIPE_WEBHOOK_TOLERANCE_SECONDS: env.positiveInt(300, 'seconds'),
    STRIPE_MAX_NETWORK_RETRIES: z.coerce
      .number()
      .int()
      .min(0)
      .max(10)
      .default(2)
      .describe('a whole number from 0 to 10'),
    STRIPE_TIMEOUT_MS: env.positiveInt(20_000, 'milliseconds'),

    /** The département's fee on each payment, in basis points of the price (100 = 1 %); 0 by default. */
    PAYMENT_DEPARTMENT_FEE_BASIS_POINTS: z.coerce
      .number()
      .int()
      .min(0)
      .max(10_000)
      .default(0)
      .describe('a whole number of basis points from 0 to 10000'),
    /** How long a checkout holds the slot (Stripe accepts 30 minutes to 24 hours). */
    PAYMENT_CHECKOUT_HOLD_MINUTES: z.coerce
      .number()
      .int()
      .min(30)
      .max(1_440)
      .default(30)
      .describe('a whole number of minutes from 30 to 1440'),
    /** The web app's origin: success, cancel and onboarding return URLs point there. */
    WEB_PUBLIC_URL: origin('http://127.0.0.1:3000'),
    /** Printed on receipts as the issuer. */
    PAYMENT_DEPARTMENT_NAME: env.text().default(SANDBOX_DEPARTMENT_NAME),
    /**
     * How each establishment is paid: comma-separated `establishmentId=stripe`, `=none` or
     * `=payfip:NUMCLI` (its 6-digit PayFiP client number, given by the DDFiP on adhesion).
     */
    PAYMENT_ESTABLISHMENT_PROVIDERS: env.list({
      item: (item) => parseEstablishmentProvider(item) !== null,
      description: 'a comma-separated list of establishmentId=stripe|none|payfip:NUMCLI',
    }),
    /** The provider of establishments not named above. */
    PAYMENT_DEFAULT_PROVIDER: z.enum(DEFAULT_PROVIDER_KINDS).default('stripe').describe('stripe or none'),
    /** The PayFiP host: https://www.payfip.gouv.fr in production, the payfip-sandbox by default. */
    PAYFIP_URL: env.httpUrl().default(PAYFIP_SANDBOX_DEFAULTS.url),
    /** PayFiP's `saisie`: T (test), X (activation, validated with the DGFiP) or W (production). */
    PAYFIP_SAISIE: z.enum(PAYFIP_SAISIE).default('T').describe('T, X or W'),
    PAYFIP_TIMEOUT_MS: env.positiveInt(10_000, 'milliseconds'),
    /**
     * Where PayFiP calls back (`urlnotif`); by default the gateway's `/webhooks/payfip` on WEB_PUBLIC_URL.
     * The notification is only a wake-up: the result is always read back.
     */
    PAYFIP_NOTIFICATION_URL: env.httpUrl().optional(),
    /** Pending PayFiP operations re-read this long after their last reading (lost notifications). */
    PAYFIP_CATCH_UP_INTERVAL_MS: env.positiveInt(60_000, 'milliseconds'),
    /**
     * The VAT statement printed on receipts, as the département's finance department words it (for
     * instance the exemption it relies on, or the rate applied).
     */
    PAYMENT_VAT_STATEMENT: env.text().default('TVA non applicable, article 256 B du code général des impôts.'),
    /** Stale checkouts re-read, missed events fetched. */
    PAYMENT_SWEEP_INTERVAL_MS: env.positiveInt(30_000, 'milliseconds'),
    /** Refunds, checkout expiries and interrupted creations retried. */
    PAYMENT_TASK_INTERVAL_MS: env.positiveInt(1_000, 'milliseconds'),
    /** Stored webhook events picked up by other replicas. */
    PAYMENT_WEBHOOK_POLL_MS: env.positiveInt(1_000, 'milliseconds'),
    /**
     * Accounting records lose every link to a person this long after they were made (RETENTION_PERIODS,
     * @salle/contracts); never less than the accounting period. Audit entries lose who acted after
     * PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS. The job runs this often.
     */
    ...retentionVariables('PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS', 'PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS'),
    PAYMENT_RETENTION_INTERVAL_MS: env.positiveInt(3_600_000, 'milliseconds'),
  },
  checkPaymentConfig,
);

export type PaymentConfig = ReturnType<typeof paymentConfig.parse>;

export interface StripeConnection {
  secretKey: string;
  /** Set for the sandbox: where the SDK sends its requests. */
  sandbox: { host: string; port: number; protocol: 'http' | 'https' } | null;
  webhookSecrets: string[];
}

/** What the checks below read: each may be absent when it failed to parse (already reported). */
interface CheckedSettings {
  NODE_ENV?: string;
  DATABASE_URL?: string;
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRETS?: readonly string[];
  STRIPE_CONNECT_WEBHOOK_SECRETS?: readonly string[];
  WEB_PUBLIC_URL?: string;
  PAYMENT_DEPARTMENT_NAME?: string;
  PAYFIP_URL?: string;
  PAYFIP_SAISIE?: string;
  PAYMENT_ESTABLISHMENT_PROVIDERS?: readonly string[];
  PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS?: number;
}

const SANDBOX_WEBHOOK_SECRETS: readonly string[] = [
  STRIPE_SANDBOX_DEFAULTS.webhookSecret,
  STRIPE_SANDBOX_DEFAULTS.connectWebhookSecret,
];

/** The key's shape; production refuses what would take no real money: no key (the stripe-sandbox) or a test key. */
function checkStripeKey(config: CheckedSettings): ConfigError | undefined {
  const key = config.STRIPE_SECRET_KEY;
  if (key !== undefined && !/^(sk|rk)_(live|test)_\w+$/.test(key))
    return new ConfigError('STRIPE_SECRET_KEY', 'a Stripe secret key (sk_live_... or sk_test_...)', false);
  if (!production.isProduction(config)) return undefined;
  if (key === undefined)
    return new ConfigError(
      'STRIPE_SECRET_KEY',
      'a Stripe secret key: the stripe-sandbox is refused when NODE_ENV=production',
      true,
    );
  if (!/^(sk|rk)_live_/.test(key))
    return new ConfigError(
      'STRIPE_SECRET_KEY',
      'a live Stripe secret key (sk_live_...): test keys are refused when NODE_ENV=production',
      false,
    );
  return undefined;
}

/**
 * A real key needs the platform endpoint's secrets. Production needs both
 * endpoints' (without the Connect one, the collèges' account events are
 * refused) and refuses the stripe-sandbox's, which are public.
 */
function checkWebhookSecrets(config: CheckedSettings): (ConfigError | undefined)[] {
  if (!production.isProduction(config)) {
    const missing = config.STRIPE_SECRET_KEY !== undefined && config.STRIPE_WEBHOOK_SECRETS?.length === 0;
    return [
      missing
        ? new ConfigError(
            'STRIPE_WEBHOOK_SECRETS',
            'the signing secrets of the Stripe webhook endpoints (required with STRIPE_SECRET_KEY)',
            true,
          )
        : undefined,
    ];
  }
  const endpoints = [
    ['STRIPE_WEBHOOK_SECRETS', config.STRIPE_WEBHOOK_SECRETS, 'the platform endpoint'],
    ['STRIPE_CONNECT_WEBHOOK_SECRETS', config.STRIPE_CONNECT_WEBHOOK_SECRETS, 'the Connect endpoint'],
  ] as const;
  return endpoints.map(([name, secrets, endpoint]) => {
    if (secrets?.length === 0)
      return new ConfigError(
        name,
        `the signing secrets of ${endpoint} in the Stripe dashboard (required when NODE_ENV=production)`,
        true,
      );
    if (secrets?.some((secret) => SANDBOX_WEBHOOK_SECRETS.includes(secret))) {
      return new ConfigError(
        name,
        `the signing secrets of ${endpoint} in the Stripe dashboard (the stripe-sandbox’s public ones are refused when NODE_ENV=production)`,
        false,
      );
    }
    return undefined;
  });
}

/**
 * When a collège is paid through PayFiP, production pays the real PayFiP in production mode: the sandbox
 * and the test or activation modes are refused.
 */
function checkPayfip(config: CheckedSettings): (ConfigError | undefined)[] {
  const usesPayfip = config.PAYMENT_ESTABLISHMENT_PROVIDERS?.some((item) => /=\s*payfip:/.test(item));
  if (!production.isProduction(config) || !usesPayfip) return [];
  return [
    config.PAYFIP_URL !== undefined && config.PAYFIP_URL !== PAYFIP_PRODUCTION_URL
      ? new ConfigError(
          'PAYFIP_URL',
          `${PAYFIP_PRODUCTION_URL} (the payfip-sandbox is refused when NODE_ENV=production)`,
          false,
        )
      : undefined,
    config.PAYFIP_SAISIE !== undefined && config.PAYFIP_SAISIE !== 'W'
      ? new ConfigError('PAYFIP_SAISIE', 'W (test and activation modes are refused when NODE_ENV=production)', false)
      : undefined,
  ];
}

export function checkPaymentConfig(config: CheckedSettings): (ConfigError | undefined)[] {
  const problems = [
    ...checkPayfip(config),
    checkStripeKey(config),
    ...checkWebhookSecrets(config),
    production.checkDatabasePassword(config),
    production.checkHttps(config, 'WEB_PUBLIC_URL', config.WEB_PUBLIC_URL),
    checkAccountingPeriod('PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS', config.PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS),
  ];
  if (production.isProduction(config) && config.PAYMENT_DEPARTMENT_NAME === SANDBOX_DEPARTMENT_NAME) {
    problems.push(
      new ConfigError(
        'PAYMENT_DEPARTMENT_NAME',
        'the name of the département printed on receipts (the sandbox’s is refused when NODE_ENV=production)',
        false,
      ),
    );
  }
  return problems;
}

/** Real Stripe when a key is configured (checked above), the stripe-sandbox otherwise. */
export function stripeConnection(config: PaymentConfig): StripeConnection {
  const webhookSecrets = [...config.STRIPE_WEBHOOK_SECRETS, ...config.STRIPE_CONNECT_WEBHOOK_SECRETS];
  if (config.STRIPE_SECRET_KEY) {
    return { secretKey: config.STRIPE_SECRET_KEY, sandbox: null, webhookSecrets };
  }
  const url = new URL(config.STRIPE_SANDBOX_URL);
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  return {
    secretKey: config.STRIPE_SANDBOX_SECRET_KEY,
    sandbox: { host: url.hostname, port: Number(url.port || (protocol === 'https' ? 443 : 80)), protocol },
    webhookSecrets: webhookSecrets.length ? webhookSecrets : [...SANDBOX_WEBHOOK_SECRETS],
  };
}

/** `urlnotif`: the configured one, or the gateway's route on the web origin. */
export function payfipNotificationUrl(config: PaymentConfig): string {
  return config.PAYFIP_NOTIFICATION_URL ?? `${config.WEB_PUBLIC_URL}/webhooks/payfip`;
}
