import { z } from 'zod';
import { ConfigError, defineConfig, env, production, retentionVariables } from '@salle/config';
import { checkEventSecretConfig, eventSecretVariables } from '@salle/events';

/** The mail-sandbox's SMTP listener: what development and tests send to. */
export const SANDBOX_SMTP_URL = 'smtp://127.0.0.1:1025';
/** The sender of the sandbox; a real deployment names its département's address. */
export const SANDBOX_MAIL_FROM = 'Salle sur demande – bac à sable <ne-pas-repondre@salle-sur-demande.localhost>';
export const SANDBOX_DEPARTMENT_NAME = 'Département (bac à sable)';
/** The sms-sandbox's stand-in for https://eu.api.ovh.com/1.0, and the keys it accepts (its own defaults too). */
/** Signs the one-click unsubscription links outside production. */
export const SANDBOX_UNSUBSCRIBE_SECRET = 'sandbox-unsubscribe-secret-not-for-production';
export const SANDBOX_OVH_ENDPOINT = 'http://127.0.0.1:3007/1.0';
/** Ends the callback URL of the delivery reports outside production. */
export const SANDBOX_OVH_REPORT_KEY = 'sandbox-sms-report-key-not-for-production';
export const SANDBOX_OVH_KEYS = {
  OVH_APPLICATION_KEY: 'sandbox-application-key',
  OVH_APPLICATION_SECRET: 'sandbox-application-secret-not-for-production',
  OVH_CONSUMER_KEY: 'sandbox-consumer-key',
  OVH_SMS_SERVICE_NAME: 'sms-sandbox-1',
} as const;

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

export const notificationConfig = defineConfig(
  {
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    NOTIFICATION_HOST: env.text().default('127.0.0.1'),
    NOTIFICATION_PORT: env.port(3005),
    /** The metrics listener (Prometheus `/metrics`), apart from the API: keep it off public networks. */
    NOTIFICATION_METRICS_HOST: env.text().default('127.0.0.1'),
    NOTIFICATION_METRICS_PORT: env.port(9405),
    DATABASE_URL: env.postgresUrl(),
    /** The gateway's public keys: the API's callers come through it with an internal token. */
    INTERNAL_JWKS_URL: env.httpUrl().default('http://127.0.0.1:3000/.well-known/internal-jwks.json'),
    REDIS_URL: env.redisUrl().default('redis://127.0.0.1:6379'),
    REDIS_SENTINELS: env.redisSentinels(),
    REDIS_SENTINEL_NAME: env.redisSentinelName(),
    /** Shared by every service of a deployment (streams of @salle/events). */
    EVENTS_KEY_PREFIX: z
      .string()
      .trim()
      .min(1)
      .default('salle:events:')
      .describe('a Redis key prefix such as salle:events:'),
    /** The site's origin: the links of the messages point there. */
    WEB_PUBLIC_URL: origin('http://127.0.0.1:3000'),
    /** Named in every message's header and footer. */
    NOTIFICATION_DEPARTMENT_NAME: env.text().default(SANDBOX_DEPARTMENT_NAME),

    /** The SMTP relay: smtp://host:587 (STARTTLS when offered), smtps://user:password@host:465. */
    SMTP_URL: env
      .url(
        ['smtp', 'smtps'],
        'an SMTP URL such as smtp://relay.example.fr:587 or smtps://user:password@relay.example.fr:465',
      )
      .default(SANDBOX_SMTP_URL),
    MAIL_FROM: env.text().default(SANDBOX_MAIL_FROM),
    SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5).describe('a whole number from 1 to 50'),
    SMTP_TIMEOUT_MS: env.positiveInt(20_000, 'milliseconds'),
    /** DKIM signing by this service, when the relay does not sign: all three or none. */
    DKIM_DOMAIN: z.string().trim().optional().describe('the signing domain, e.g. isere.fr'),
    DKIM_SELECTOR: z.string().trim().optional().describe('the DNS selector, e.g. salle2026'),
    DKIM_PRIVATE_KEY: z.string().trim().optional().describe('a PEM private key (newlines may be written \\n)'),

    /** HMAC key of the unsubscription links (`List-Unsubscribe`); changing it voids the links already sent. */
    NOTIFICATION_UNSUBSCRIBE_SECRET: env.secret(32).default(SANDBOX_UNSUBSCRIBE_SECRET),
    /** SMS through OVHcloud, to the people who gave a mobile number and agreed: off unless turned on. */
    NOTIFICATION_SMS_ENABLED: env.flag(false),
    /** OVHcloud's API (https://eu.api.ovh.com/1.0, or ca./us. for other regions); default the local sms-sandbox. */
    OVH_SMS_ENDPOINT: env.httpUrl().default(SANDBOX_OVH_ENDPOINT),
    /** An API user of the OVHcloud account (created at eu.api.ovh.com/createToken with POST /sms/*). */
    OVH_APPLICATION_KEY: env.text().default(SANDBOX_OVH_KEYS.OVH_APPLICATION_KEY),
    OVH_APPLICATION_SECRET: env.text().default(SANDBOX_OVH_KEYS.OVH_APPLICATION_SECRET),
    OVH_CONSUMER_KEY: env.text().default(SANDBOX_OVH_KEYS.OVH_CONSUMER_KEY),
    OVH_SMS_SERVICE_NAME: z
      .string()
      .trim()
      .min(1)
      .default(SANDBOX_OVH_KEYS.OVH_SMS_SERVICE_NAME)
      .describe('the SMS account, e.g. sms-ab12345-1'),
    /**
     * Ends the callback URL of OVHcloud's delivery reports, configured on the SMS account as
     * `<WEB_PUBLIC_URL>/accuses-sms/<key>` (OVHcloud signs nothing it calls: the key is the proof).
     */
    OVH_SMS_REPORT_KEY: env.secret(32).default(SANDBOX_OVH_REPORT_KEY),
    /** An alphanumeric sender approved on the account; none: OVHcloud's short number (which blocks SMS with a link). */
    SMS_SENDER: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{1,11}$/)
      .optional()
      .describe('up to 11 letters or digits, e.g. Isere'),
    SMS_TIMEOUT_MS: env.positiveInt(10_000, 'milliseconds'),

    /**
     * Messages older than RETENTION_MESSAGES_MONTHS are deleted, audit entries older than
     * NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS lose who acted (RETENTION_PERIODS, @salle/contracts); the job runs
     * this often.
     */
    ...retentionVariables('RETENTION_MESSAGES_MONTHS', 'NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS'),
    NOTIFICATION_RETENTION_INTERVAL_MS: env.positiveInt(3_600_000, 'milliseconds'),
    /** How often the send log is polled for due messages (new ones wake the sender at once). */
    NOTIFICATION_DELIVERY_POLL_MS: env.positiveInt(500, 'milliseconds'),
    /** At most this many messages in flight per sender (see `sendWindowOf`); reminders and digests are written in batches of this size. */
    NOTIFICATION_DELIVERY_BATCH: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000)
      .default(50)
      .describe('a whole number from 1 to 1000'),
    /** Attempts of one message before it is recorded as failed for good (an SMTP 5xx answer fails it at once). */
    NOTIFICATION_MAX_ATTEMPTS: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(10)
      .describe('a whole number from 1 to 100'),
    NOTIFICATION_RETRY_INITIAL_MS: env.positiveInt(5_000, 'milliseconds'),
    NOTIFICATION_RETRY_MAX_MS: env.positiveInt(3_600_000, 'milliseconds'),
    /** Reminders: how long before the payment deadline, a session, and the decision deadline. */
    NOTIFICATION_PAYMENT_REMINDER_HOURS: env.positiveInt(24, 'hours'),
    NOTIFICATION_SESSION_REMINDER_DAYS: env.positiveInt(2, 'days'),
    NOTIFICATION_DECISION_REMINDER_HOURS: env.positiveInt(48, 'hours'),
    /** How often the schedule is read for due reminders. */
    NOTIFICATION_REMINDER_POLL_MS: env.positiveInt(30_000, 'milliseconds'),
    /** From this hour (Paris time, 0 to 23) each day, the daily digests of the collège managers who chose one are sent. */
    NOTIFICATION_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8).describe('an hour, 0 to 23'),
    /** A message claimed by a sender that died is taken again after this long. */
    NOTIFICATION_SEND_LEASE_MS: env.positiveInt(120_000, 'milliseconds'),
    /** Opens the claim codes and invitation links booking's events carry sealed; booking has the same (libs/events). */
    EVENT_SECRET_KEY: eventSecretVariables().EVENT_SECRET_KEY,
  },
  checkNotificationConfig,
);

export type NotificationConfig = ReturnType<typeof notificationConfig.parse>;

interface CheckedSettings {
  NODE_ENV?: string;
  DATABASE_URL?: string;
  WEB_PUBLIC_URL?: string;
  SMTP_URL?: string;
  MAIL_FROM?: string;
  NOTIFICATION_DEPARTMENT_NAME?: string;
  DKIM_DOMAIN?: string;
  DKIM_SELECTOR?: string;
  DKIM_PRIVATE_KEY?: string;
  NOTIFICATION_UNSUBSCRIBE_SECRET?: string;
  NOTIFICATION_SMS_ENABLED?: boolean;
  OVH_SMS_ENDPOINT?: string;
  OVH_APPLICATION_KEY?: string;
  OVH_APPLICATION_SECRET?: string;
  OVH_CONSUMER_KEY?: string;
  OVH_SMS_SERVICE_NAME?: string;
  OVH_SMS_REPORT_KEY?: string;
  EVENT_SECRET_KEY?: string;
}

/** With SMS on, production refuses the sms-sandbox's endpoint and keys: SMS would reach nobody. */
function checkSms(config: CheckedSettings): ConfigError[] {
  if (!config.NOTIFICATION_SMS_ENABLED || !production.isProduction(config)) return [];
  const problems: ConfigError[] = [];
  if (config.OVH_SMS_ENDPOINT === SANDBOX_OVH_ENDPOINT)
    problems.push(
      new ConfigError(
        'OVH_SMS_ENDPOINT',
        'OVHcloud’s API, e.g. https://eu.api.ovh.com/1.0 (the sms-sandbox’s is refused when NODE_ENV=production)',
        false,
      ),
    );
  else {
    const https = production.checkHttps(config, 'OVH_SMS_ENDPOINT', config.OVH_SMS_ENDPOINT);
    if (https) problems.push(https);
  }
  for (const [name, sandboxValue] of Object.entries(SANDBOX_OVH_KEYS))
    if (config[name as keyof typeof SANDBOX_OVH_KEYS] === sandboxValue)
      problems.push(
        new ConfigError(
          name,
          'your OVHcloud account’s value (the sms-sandbox’s is refused when NODE_ENV=production)',
          false,
        ),
      );
  if (config.OVH_SMS_REPORT_KEY === SANDBOX_OVH_REPORT_KEY)
    problems.push(
      new ConfigError(
        'OVH_SMS_REPORT_KEY',
        'a key of at least 32 characters of your own, e.g. openssl rand -hex 24, ending the callback URL set on the SMS account (the sandbox’s is refused when NODE_ENV=production)',
        false,
      ),
    );
  return problems;
}

function checkDkim(config: CheckedSettings): ConfigError | undefined {
  const set = [config.DKIM_DOMAIN, config.DKIM_SELECTOR, config.DKIM_PRIVATE_KEY].filter(Boolean).length;
  if (set === 0 || set === 3) return undefined;
  return new ConfigError(
    'DKIM_PRIVATE_KEY',
    'DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY together, or none of them',
    true,
  );
}

/** Production refuses the sandbox's relay, sender and name: messages would reach nobody, or look like a test. */
export function checkNotificationConfig(config: CheckedSettings): (ConfigError | undefined)[] {
  const problems = [
    ...checkSms(config),
    checkDkim(config),
    production.checkDatabasePassword(config),
    production.checkHttps(config, 'WEB_PUBLIC_URL', config.WEB_PUBLIC_URL),
    checkEventSecretConfig(config),
  ];
  if (!production.isProduction(config)) return problems;
  const sandboxValues = [
    [
      'SMTP_URL',
      config.SMTP_URL === SANDBOX_SMTP_URL,
      'the URL of your SMTP relay (the mail-sandbox’s is refused when NODE_ENV=production)',
    ],
    [
      'MAIL_FROM',
      config.MAIL_FROM === SANDBOX_MAIL_FROM,
      'the sender of the messages, e.g. Salle sur demande <ne-pas-repondre@isere.fr> (the sandbox’s is refused when NODE_ENV=production)',
    ],
    [
      'NOTIFICATION_UNSUBSCRIBE_SECRET',
      config.NOTIFICATION_UNSUBSCRIBE_SECRET === SANDBOX_UNSUBSCRIBE_SECRET,
      'a secret of at least 32 characters of your own, e.g. openssl rand -base64 48 (the sandbox’s is refused when NODE_ENV=production)',
    ],
    [
      'NOTIFICATION_DEPARTMENT_NAME',
      config.NOTIFICATION_DEPARTMENT_NAME === SANDBOX_DEPARTMENT_NAME,
      'the name of the département shown in the messages (the sandbox’s is refused when NODE_ENV=production)',
    ],
  ] as const;
  for (const [name, isSandbox, expected] of sandboxValues)
    if (isSandbox) problems.push(new ConfigError(name, expected, false));
  return problems;
}

/** The DKIM settings nodemailer signs with, or null. */
export function dkimOf(
  config: NotificationConfig,
): { domainName: string; keySelector: string; privateKey: string } | null {
  if (!config.DKIM_DOMAIN || !config.DKIM_SELECTOR || !config.DKIM_PRIVATE_KEY) return null;
  return {
    domainName: config.DKIM_DOMAIN,
    keySelector: config.DKIM_SELECTOR,
    privateKey: config.DKIM_PRIVATE_KEY.replace(/\\n/g, '\n'),
  };
}

/** The OVHcloud settings the SMS sender uses, or null when SMS are off. */
export function ovhSmsOf(config: NotificationConfig) {
  if (!config.NOTIFICATION_SMS_ENABLED) return null;
  return {
    endpoint: config.OVH_SMS_ENDPOINT.replace(/\/$/, ''),
    applicationKey: config.OVH_APPLICATION_KEY,
    applicationSecret: config.OVH_APPLICATION_SECRET,
    consumerKey: config.OVH_CONSUMER_KEY,
    serviceName: config.OVH_SMS_SERVICE_NAME,
    sender: config.SMS_SENDER ?? null,
    timeoutMs: config.SMS_TIMEOUT_MS,
  };
}
