import { checkAccountingPeriod, ConfigError, defineConfig, env, production, retentionVariables } from '@salle/config';
import { checkEventSecretConfig, eventSecretVariables } from '@salle/events';
import { checkSealConfig, sealVariables } from '@salle/pdf-seal';
import { checkStorageConfig, storageVariables } from '@salle/storage';
import { z } from 'zod';
import { CONVENTION_MODES } from '@salle/contracts';
import { SERIES_PAYMENT_MODES } from './domain/series-payment';

/** The registry-sandbox, the development default. */
export const SANDBOX_REGISTER_SEARCH_URL = 'http://127.0.0.1:3011';

// Named one by one below, so that this file lists every variable the service reads (the deploy checks read it).
const storage = storageVariables('.local/storage/booking');
const seal = sealVariables();
const eventSecret = eventSecretVariables();

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
    /**
     * Online signing of the occupancy convention (organisation, then collège, then département): `before_payment`
     * (the payment opens once fully signed), `after_payment` (confirmed once both paid and signed) or `off`.
     */
    CONVENTION_SIGNING: z
      .enum(['off', 'before_payment', 'after_payment'])
      .default('before_payment')
      .describe('one of off, before_payment, after_payment'),
    /**
     * With `after_payment`, a booking paid before its convention is fully signed must be signed within this many
     * days of the payment, and never later than 48 hours before its session; at that deadline the parties still
     * to sign are reminded and the collège sees the booking flagged.
     */
    CONVENTION_SIGNING_DUE_DAYS: env.positiveInt(7, 'days'),
    /**
     * `per_booking`: one convention per one-off booking and one per series. `framework`: one framework convention
     * per organisation, collège and school year (its general clauses, parties, règlement intérieur), made at the
     * year's first approval, and an annex per booking or series (premises, sessions, price, access), both signed.
     */
    CONVENTION_MODE: z.enum(CONVENTION_MODES).default('per_booking').describe('one of per_booking, framework'),
    /**
     * A standing delegation of the département's signature, as « name | deliberation », e.g. « Jeanne Martin,
     * directrice de l’éducation | Délibération CP-2026-045 du 3 février 2026 »: it signs each convention
     * automatically as the last step. Unset: a département admin holding the delegation signs.
     */
    CONVENTION_STANDING_DELEGATION: z
      .string()
      .trim()
      .regex(/^[^|]+\|[^|]+$/)
      .optional()
      .describe('the delegate and the deliberation, separated by |'),
    /** How often expiries and completions are swept. */
    BOOKING_SWEEP_INTERVAL_MS: env.positiveInt(30_000, 'milliseconds'),
    /** How often spaces' materialised opening windows are extended and stale ones (seeded, changed by SQL) recomputed. */
    BOOKING_AVAILABILITY_INTERVAL_MS: env.positiveInt(5_000, 'milliseconds'),
    /** How often collèges whose contacts changed outside the API (seed, SQL, SIRET match) are announced. */
    BOOKING_CONTACTS_INTERVAL_MS: env.positiveInt(5_000, 'milliseconds'),
    /** How often certificates expiring within a month are looked for (each is announced once, whatever the rate). */
    BOOKING_INSURANCE_REMINDER_INTERVAL_MS: env.positiveInt(3_600_000, 'milliseconds'),
    /**
     * Audit entries older than this lose the account id of whoever acted; conversations are deleted this long after
     * their booking's slot, insurance certificates this long after their expiry, issued conventions this long after
     * their last session, bookings (with their series and every row about them) this long after their last session,
     * never less than the accounting period, rejected organisations this long after their rejection
     * (RETENTION_PERIODS, @salle/contracts).
     */
    ...retentionVariables(
      'BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS',
      'BOOKING_CONVERSATION_DELETE_AFTER_YEARS',
      'BOOKING_INSURANCE_CERTIFICATE_DELETE_AFTER_YEARS',
      'BOOKING_CONVENTION_DELETE_AFTER_YEARS',
      'BOOKING_RECORDS_DELETE_AFTER_YEARS',
      'BOOKING_REJECTED_ORGANISATION_DELETE_AFTER_YEARS',
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
    // Every upload is scanned by clamd before it is stored when one is configured; unreachable, uploads are refused.
    CLAMAV_HOST: storage.CLAMAV_HOST,
    CLAMAV_PORT: storage.CLAMAV_PORT,
    CLAMAV_SOCKET: storage.CLAMAV_SOCKET,
    CLAMAV_TIMEOUT_MS: storage.CLAMAV_TIMEOUT_MS,
    /** The secret of the short-lived convention download links sent by e-mail. */
    STORAGE_LINK_SECRET: storage.STORAGE_LINK_SECRET,
    // The platform's certificate that seals signed conventions (libs/pdf-seal); production refuses a self-signed one.
    CONVENTION_SEAL_P12_BASE64: seal.CONVENTION_SEAL_P12_BASE64,
    CONVENTION_SEAL_P12_PASSWORD: seal.CONVENTION_SEAL_P12_PASSWORD,
    CONVENTION_SEAL_CERT_PEM: seal.CONVENTION_SEAL_CERT_PEM,
    CONVENTION_SEAL_KEY_PEM: seal.CONVENTION_SEAL_KEY_PEM,
    /** Seals the claim codes and invitation links booking's events carry; notification has the same (libs/events). */
    EVENT_SECRET_KEY: eventSecret.EVENT_SECRET_KEY,
  },
  (config) => [
    production.checkDatabasePassword(config),
    checkRegisterSearchUrl(config),
    checkAccountingPeriod('BOOKING_RECORDS_DELETE_AFTER_YEARS', config.BOOKING_RECORDS_DELETE_AFTER_YEARS),
    ...checkStorageConfig(config),
    ...checkSealConfig(config),
    checkEventSecretConfig(config),
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

/** The standing delegation of the configuration, split into who signs and under which deliberation. */
export function standingDelegation(config: Pick<BookingConfig, 'CONVENTION_STANDING_DELEGATION'>) {
  const value = config.CONVENTION_STANDING_DELEGATION;
  if (!value) return null;
  const [delegate = '', deliberation = ''] = value.split('|').map((part) => part.trim());
  return { delegate, deliberation };
}
