import { Client } from 'pg';
import { copyInto } from './copy-in';
import type {
  AuditEntryRow,
  BookingRow,
  ClosureRow,
  EstablishmentRow,
  MembershipRow,
  OpeningRuleRow,
  OrganisationRow,
  SeriesRow,
  SpacePhotoRow,
  SpaceRow,
  TariffRow,
} from './seed-model';

/** A problem the person running the seed can act on; printed as one line. */
export class SeedError extends Error {
  override readonly name = 'SeedError';
}

/** The tables of a data set, each as rows to stream (arrays or generators), in foreign-key order. */
export interface SeedTables {
  establishments: Iterable<EstablishmentRow>;
  spaces: Iterable<SpaceRow>;
  spacePhotos: Iterable<SpacePhotoRow>;
  openingRules: Iterable<OpeningRuleRow>;
  tariffs: Iterable<TariffRow>;
  closures: Iterable<ClosureRow>;
  organisations: Iterable<OrganisationRow>;
  memberships: Iterable<MembershipRow>;
  series: Iterable<SeriesRow>;
  bookings: Iterable<BookingRow>;
  auditEntries: Iterable<AuditEntryRow>;
}

export type SeedCounts = Record<keyof SeedTables, number>;

export type SeedOutcome = { seeded: true; counts: SeedCounts } | { seeded: false; reason: string };

const COLUMNS: { [K in keyof SeedTables]: { table: string; columns: string[] } } = {
  establishments: {
    table: 'booking.establishment',
    columns: [
      'id',
      'uai',
      'siret',
      'name',
      'address',
      'postal_code',
      'commune_name',
      'commune_insee',
      'latitude',
      'longitude',
      'school_zone',
      'contact_email',
      'contact_phone',
      'status',
      'payout_ready',
      'ics_token',
      'created_at',
      'updated_at',
    ],
  },
  spaces: {
    table: 'booking.space',
    columns: [
      'id',
      'establishment_id',
      'kind',
      'name',
      'capacity',
      'area_m2',
      'equipment',
      'step_free_access',
      'description',
      'buffer_minutes',
      'min_duration_minutes',
      'max_duration_minutes',
      'min_notice_hours',
      'max_horizon_days',
      'approval_required',
      'allowed_categories',
      'closed_on_public_holidays',
      'active',
      'created_at',
      'updated_at',
    ],
  },
  spacePhotos: {
    table: 'booking.space_photo',
    columns: [
      'id',
      'space_id',
      'position',
      'alt_text',
      'width',
      'height',
      'uploaded_by',
      'uploaded_at',
      'shared_files',
    ],
  },
  openingRules: {
    table: 'booking.opening_rule',
    columns: ['id', 'space_id', 'weekdays', 'start_time', 'end_time', 'period', 'valid_from', 'valid_until'],
  },
  tariffs: {
    table: 'booking.tariff',
    columns: ['space_id', 'category', 'hourly_cents', 'half_day_cents', 'day_cents', 'deposit_cents'],
  },
  closures: {
    table: 'booking.closure',
    columns: ['id', 'establishment_id', 'space_id', 'starts_at', 'ends_at', 'reason', 'created_at'],
  },
  organisations: {
    table: 'booking.organisation',
    columns: [
      'id',
      'name',
      'kind',
      'rna',
      'siren',
      'address',
      'postal_code',
      'commune_name',
      'eligibility_declared_at',
      'republican_contract_acknowledged',
      'insurance_reference',
      'insurance_expires_on',
      'status',
      'rejection_reason',
      'ics_token',
      'created_at',
      'updated_at',
    ],
  },
  memberships: { table: 'booking.membership', columns: ['account_id', 'organisation_id', 'role', 'created_at'] },
  series: {
    table: 'booking.series',
    columns: [
      'id',
      'space_id',
      'organisation_id',
      'rrule',
      'local_start_time',
      'duration_minutes',
      'options',
      'requested_by',
      'created_at',
    ],
  },
  bookings: {
    table: 'booking.booking',
    columns: [
      'id',
      'space_id',
      'establishment_id',
      'organisation_id',
      'series_id',
      'starts_at',
      'ends_at',
      'blocked_until',
      'status',
      'renter_category',
      'price_cents',
      'deposit_cents',
      'price_details',
      'purpose',
      'attendees',
      'requested_by',
      'decided_by',
      'decision_message',
      'refusal_reason',
      'cancelled_by',
      'cancellation_reason',
      'refund_percent',
      'expires_at',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  auditEntries: {
    table: 'booking.audit_entry',
    columns: ['booking_id', 'actor_account_id', 'actor_role', 'from_status', 'to_status', 'reason', 'at'],
  },
};

const TABLE_ORDER = Object.keys(COLUMNS) as (keyof SeedTables)[];

export interface WriteSeedOptions {
  /** Logs a line every this many rows of a table (default 100,000). */
  progressEvery?: number;
  /**
   * Runs once every row is written, before the commit (files the rows point at, e.g. photos): when it throws,
   * no row is committed. It runs only when the database was empty, like `build`.
   */
  beforeCommit?: () => Promise<void>;
}

/**
 * Writes the data set `build` makes into a database whose booking schema
 * the booking service has migrated: one transaction, COPY per table. Refuses politely
 * (nothing written) when establishments already exist, so running it again,
 * or against a database with real data, changes nothing. Concurrent seeders
 * wait on an advisory lock and then see the first one's data.
 */
export async function writeSeed(
  databaseUrl: string,
  build: () => SeedTables,
  log: (line: string) => void,
  { progressEvery = 100_000, beforeCommit }: WriteSeedOptions = {},
): Promise<SeedOutcome> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'seed' });
  await client.connect().catch((error: Error) => {
    throw new SeedError(`cannot connect to PostgreSQL (${error.message})`);
  });
  try {
    const schema = await client.query<{ table: string | null }>(`SELECT to_regclass('booking.booking')::text AS table`);
    if (!schema.rows[0]?.table) {
      throw new SeedError(
        'the booking schema is missing: start the booking service once (it applies its migrations), then run the seed',
      );
    }
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('salle-sur-demande:seed'))`);
    const existing = await client.query<{ count: string }>('SELECT count(*) AS count FROM booking.establishment');
    const count = Number(existing.rows[0]?.count ?? 0);
    if (count > 0) {
      await client.query('ROLLBACK');
      return { seeded: false, reason: `the database already holds ${count} establishment(s): nothing written` };
    }
    // Built only once the database is known to be ready and empty.
    const tables = build();
    const counts = {} as SeedCounts;
    for (const key of TABLE_ORDER) {
      const { table, columns } = COLUMNS[key];
      const started = Date.now();
      let rows = 0;
      const written = await copyInto(client, table, columns as never[], tables[key] as Iterable<never>, () => {
        rows += 1;
        if (rows % progressEvery === 0) log(`  ${table}: ${rows.toLocaleString('en')} rows...`);
      });
      counts[key] = written;
      log(`${table}: ${written.toLocaleString('en')} rows (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
    await beforeCommit?.();
    log('committing...');
    await client.query('COMMIT');
    return { seeded: true, counts };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
