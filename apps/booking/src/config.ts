import { checkAccountingPeriod, ConfigError, defineConfig, env, production, retentionVariables } from '@salle/config';
import { checkStorageConfig, storageVariables } from '@salle/storage';
import { z } from 'zod';
import { SERIES_PAYMENT_MODES } from './domain/series-payment';

/** The registry-sandbox, the development default. */
export const SANDBOX_REGISTER_SEARCH_URL = 'http://127.0.0.1:3011';

// Named one by one below, so that this file lists every variable the service reads (the deploy checks read it).
const storage = storageVariables('.local/storage/booking');

export const bookingConfig = defineConfig(
  {
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    BOOKING_HOST: env.text().default('127.0.0.1'),
    BOOKING_PORT: env.port(3001),
    /** The metrics listener (Prometheus `/metrics`), apart from the API: keep it off public networks. */
    BOOKING_METRICS_HOST: env.text().default('127.0.0.1'),
    BOOKING_METRICS_PORT: env.port(9401),
    DATABASE_URL: env.postgresUrl(),
    REDIS_URL: env.redisUrl().default('redis://127.0.0.1:6379'),
    REDIS_SENTINELS: env.redisSentinels(),
    REDIS_SENTINEL_NAME: env.redisSentinelName(),
    /** Where the gateway publishes the keys of the internal tokens it mints. */
    INTERNAL_JWKS_URL: env.httpUrl().default('http://127.0.0.1:3000/.well-known/internal-jwks.json'),
    /** Prefix of the event streams, shared by every service of the deployment. */
    EVENTS_KEY_PREFIX: env.text().default('salle:events:'),
    /** A request not decided within this many days is released. */
    BOOKING_DECISION_DAYS: env.positiveInt(10, 'days'),
    /** An approved priced booking not paid within this many hours is released. */
    BOOKING_PAYMENT_DEADLINE_HOURS: env.positiveInt(72, 'hours'),
    /** How the département has a weekly series paid: all at once, per calendar month, or per school term. */
    SERIES_PAYMENT: z.enum(SERIES_PAYMENT_MODES).default('whole').describe('one of whole, month, term'),
    /** A series period after the first is due this many days before its first session. */
    BOOKING_SERIES_PAYMENT_LEAD_DAYS: env.positiveInt(14, 'days'),
    /** How often expiries and completions are swept. */
    BOOKING_SWEEP_INTERVAL_MS: env.positiveInt(30_000, 'milliseconds'),
    /** How often spaces' materialised opening windows are extended and stale ones (seeded, changed by SQL) recomputed. */
    BOOKING_AVAILABILITY_INTERVAL_MS: env.positiveInt(5_000, 'milliseconds'),
    /** How often collèges whose contacts changed outside the API (seed, SQL, SIRET match) are announced. */
    BOOKING_CONTACTS_INTERVAL_MS: env.positiveInt(5_000, 'milliseconds'),
    /**
     * Audit entries older than this lose the account id of whoever acted; conversations are deleted this long after
     * their booking's slot, insurance certificates this long after their expiry, issued conventions this long after
     * their last session, bookings (with their series and every row about them) this long after their last session,
     * never less than the accounting period (RETENTION_PERIODS, @salle/contracts).
     */
    ...retentionVariables(
      'BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS',
      'BOOKING_CONVERSATION_DELETE_AFTER_YEARS',
      'BOOKING_INSURANCE_CERTIFICATE_DELETE_AFTER_YEARS',
      'BOOKING_CONVENTION_DELETE_AFTER_YEARS',
      'BOOKING_RECORDS_DELETE_AFTER_YEARS',
    ),
    /** How often the retention job runs. */
    BOOKING_RETENTION_INTERVAL_MS: env.positiveInt(3_600_000, 'milliseconds'),
    /** « Recherche d'entreprises », which the admins' register check asks (no key): https://recherche-entreprises.api.gouv.fr. */
    REGISTER_SEARCH_URL: env.httpUrl().default(SANDBOX_REGISTER_SEARCH_URL),
    // Where insurance certificates are kept: a folder by default, or an S3-compatible bucket (libs/storage).
    STORAGE_DRIVER: storage.STORAGE_DRIVER,
    STORAGE_LOCAL_DIR: storage.STORAGE_LOCAL_DIR,
    STORAGE_S3_ENDPOINT: storage.STORAGE_S3_ENDPOINT,
    STORAGE_S3_REGION: storage.STORAGE_S3_REGION,
    STORAGE_S3_BUCKET: storage.STORAGE_S3_BUCKET,
    STORAGE_S3_PREFIX: storage.STORAGE_S3_PREFIX,
    STORAGE_S3_ACCESS_KEY_ID: storage.STORAGE_S3_ACCESS_KEY_ID,
    STORAGE_S3_SECRET_ACCESS_KEY: storage.STORAGE_S3_SECRET_ACCESS_KEY,
    STORAGE_S3_FORCE_PATH_STYLE: storage.STORAGE_S3_FORCE_PATH_STYLE,
  },
  (config) => [
    production.checkDatabasePassword(config),
    checkRegisterSearchUrl(config),
    checkAccountingPeriod('BOOKING_RECORDS_DELETE_AFTER_YEARS', config.BOOKING_RECORDS_DELETE_AFTER_YEARS),
    ...checkStorageConfig(config),
  ],
);

/** Production asks the real register, over https: the sandbox knows only fictitious organisations. */
function checkRegisterSearchUrl(config: { NODE_ENV?: string; REGISTER_SEARCH_URL?: string }) {
  if (production.isProduction(config) && config.REGISTER_SEARCH_URL === SANDBOX_REGISTER_SEARCH_URL)
    return new ConfigError(
      'REGISTER_SEARCH_URL',
      'the register search, e.g. https://recherche-entreprises.api.gouv.fr (the registry-sandbox’s is refused when NODE_ENV=production)',
      false,
    );
  return production.checkHttps(config, 'REGISTER_SEARCH_URL', config.REGISTER_SEARCH_URL);
}

export type BookingConfig = ReturnType<typeof bookingConfig.parse>;
