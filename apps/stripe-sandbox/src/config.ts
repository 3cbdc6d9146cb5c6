import { z } from 'zod';
import { ConfigError, defineConfig, env, production } from '@salle/config';
import { STRIPE_SANDBOX_DEFAULTS } from '@salle/contracts';

/** A URL, or `none` (an empty variable counts as unset, so it cannot say "disabled"). */
function optionalUrl(defaultValue: string) {
  return z
    .string()
    .trim()
    .default(defaultValue)
    .refine((value) => {
      if (value === '' || value === 'none') return true;
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    })
    .transform((value) => (value === 'none' ? '' : value))
    .describe('an http:// or https:// URL, or none');
}

function delayList(defaultValue: string) {
  return z
    .string()
    .default(defaultValue)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
        .map(Number),
    )
    .refine((delays) => delays.every((delay) => Number.isInteger(delay) && delay >= 0))
    .describe('a comma-separated list of delays in milliseconds, e.g. 1000,5000,30000');
}

export const stripeSandboxConfig = defineConfig(
  {
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    STRIPE_SANDBOX_HOST: env.text().default('127.0.0.1'),
    STRIPE_SANDBOX_PORT: env.port(3004),
    /** Where browsers reach the sandbox (hosted checkout and onboarding pages); default http://<host>:<port>. */
    STRIPE_SANDBOX_URL: optionalUrl(''),
    /** When set, the only API key accepted; otherwise any `sk_test_...` key is. */
    STRIPE_SANDBOX_SECRET_KEY: z.string().trim().optional().describe('a secret key starting with sk_test_'),
    /** The platform webhook endpoint (events without `account`); `none` disables delivery. */
    STRIPE_SANDBOX_WEBHOOK_URL: optionalUrl('http://127.0.0.1:3002/webhooks/stripe'),
    STRIPE_SANDBOX_WEBHOOK_SECRET: env.secret(16).default(STRIPE_SANDBOX_DEFAULTS.webhookSecret),
    /** The Connect endpoint (events of connected accounts); defaults to the platform endpoint's URL. */
    STRIPE_SANDBOX_CONNECT_WEBHOOK_URL: optionalUrl(''),
    STRIPE_SANDBOX_CONNECT_WEBHOOK_SECRET: env.secret(16).default(STRIPE_SANDBOX_DEFAULTS.connectWebhookSecret),
    /** Delays between delivery attempts of a webhook that did not get a 2xx. */
    STRIPE_SANDBOX_WEBHOOK_RETRY_DELAYS_MS: delayList('1000,5000,30000,120000,600000'),
    /** Fault switches, also settable at run time through POST /_sandbox/faults. */
    STRIPE_SANDBOX_DUPLICATE_DELIVERIES: env.positiveInt(1, 'deliveries of each event'),
    STRIPE_SANDBOX_REORDER_DELIVERIES: env.flag(false),
    /** Share (0 to 1) of API requests answered by an injected 500 before they run. */
    STRIPE_SANDBOX_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0).describe('a number between 0 and 1'),
    /** How long a SEPA debit stays "processing" before it settles. */
    STRIPE_SANDBOX_SEPA_DELAY_MS: env.positiveInt(10_000, 'milliseconds'),
    /** The sandbox refuses to start with NODE_ENV=production unless this is true. */
    STRIPE_SANDBOX_ALLOW_PRODUCTION: env.flag(false),
  },
  refuseProduction,
);

/** It moves no money: a production payment service talks to Stripe instead. */
function refuseProduction(config: {
  NODE_ENV?: string;
  STRIPE_SANDBOX_ALLOW_PRODUCTION?: boolean;
}): (ConfigError | undefined)[] {
  if (!production.isProduction(config) || config.STRIPE_SANDBOX_ALLOW_PRODUCTION !== false) return [];
  return [
    new ConfigError(
      'NODE_ENV',
      'development or test: the stripe-sandbox moves no money and refuses to start with NODE_ENV=production (configure STRIPE_SECRET_KEY in the payment service instead, or set STRIPE_SANDBOX_ALLOW_PRODUCTION=true for a demo)',
      false,
    ),
  ];
}

export type StripeSandboxConfig = ReturnType<typeof stripeSandboxConfig.parse>;
