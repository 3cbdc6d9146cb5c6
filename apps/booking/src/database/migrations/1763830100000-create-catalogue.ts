import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Establishments (collèges), their spaces, opening rules, closures and
 * tariffs, plus the people who manage them.
 */
export class CreateCatalogue1763830100000 implements MigrationInterface {
  name = 'CreateCatalogue1763830100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE booking.establishment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        uai text NOT NULL UNIQUE CHECK (uai ~ '^[0-9]{7}[A-Z]$'),
        siret text UNIQUE CHECK (siret ~ '^[0-9]{14}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        address text NOT NULL DEFAULT '',
        postal_code text NOT NULL DEFAULT '' CHECK (postal_code = '' OR postal_code ~ '^[0-9]{5}$'),
        commune_name text NOT NULL,
        commune_insee text NOT NULL CHECK (commune_insee ~ '^([0-9]{5}|2[AB][0-9]{3})$'),
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        school_zone char(1) NOT NULL CHECK (school_zone IN ('A', 'B', 'C')),
        contact_email text,
        contact_phone text,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'suspended')),
        payout_ready boolean NOT NULL DEFAULT false,
        cancellation_policy jsonb,
        ics_token text NOT NULL UNIQUE DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX establishment_commune_idx ON booking.establishment (commune_insee)`);

    await runner.query(`
      CREATE TABLE booking.space (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        establishment_id uuid NOT NULL REFERENCES booking.establishment(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('classroom', 'multipurpose_hall', 'gymnasium', 'auditorium', 'boarding', 'meeting_room', 'other')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        capacity integer NOT NULL CHECK (capacity > 0),
        area_m2 integer CHECK (area_m2 > 0),
        equipment text[] NOT NULL DEFAULT '{}',
        step_free_access boolean NOT NULL DEFAULT false,
        description text NOT NULL DEFAULT '',
        photo_urls text[] NOT NULL DEFAULT '{}',
        buffer_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 240),
        min_duration_minutes integer NOT NULL DEFAULT 60 CHECK (min_duration_minutes > 0),
        max_duration_minutes integer NOT NULL DEFAULT 600 CHECK (max_duration_minutes >= min_duration_minutes),
        min_notice_hours integer NOT NULL DEFAULT 48 CHECK (min_notice_hours >= 0),
        max_horizon_days integer NOT NULL DEFAULT 365 CHECK (max_horizon_days > 0),
        approval_required boolean NOT NULL DEFAULT true,
        allowed_categories text[] NOT NULL DEFAULT '{association,commune,training_organisation,company}',
        closed_on_public_holidays boolean NOT NULL DEFAULT true,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX space_establishment_idx ON booking.space (establishment_id)`);
    await runner.query(`CREATE INDEX space_search_idx ON booking.space (kind, capacity) WHERE active`);

    await runner.query(`
      CREATE TABLE booking.opening_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        space_id uuid NOT NULL REFERENCES booking.space(id) ON DELETE CASCADE,
        weekdays smallint[] NOT NULL CHECK (weekdays <@ '{1,2,3,4,5,6,7}'::smallint[] AND cardinality(weekdays) > 0),
        start_time time NOT NULL,
        end_time time NOT NULL,
        period text NOT NULL DEFAULT 'school_term' CHECK (period IN ('school_term', 'school_holidays', 'always')),
        valid_from date,
        valid_until date,
        CHECK (end_time > start_time OR end_time = '00:00'),
        CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
      )`);
    await runner.query(`CREATE INDEX opening_rule_space_idx ON booking.opening_rule (space_id)`);

    await runner.query(`
      CREATE TABLE booking.closure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        establishment_id uuid NOT NULL REFERENCES booking.establishment(id) ON DELETE CASCADE,
        space_id uuid REFERENCES booking.space(id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX closure_lookup_idx ON booking.closure USING gist (establishment_id, tstzrange(starts_at, ends_at, '[)'))`,
    );

    await runner.query(`
      CREATE TABLE booking.tariff (
        space_id uuid NOT NULL REFERENCES booking.space(id) ON DELETE CASCADE,
        category text NOT NULL CHECK (category IN ('association', 'commune', 'training_organisation', 'company')),
        hourly_cents integer NOT NULL CHECK (hourly_cents >= 0),
        half_day_cents integer CHECK (half_day_cents >= 0),
        day_cents integer CHECK (day_cents >= 0),
        deposit_cents integer NOT NULL DEFAULT 0 CHECK (deposit_cents >= 0),
        PRIMARY KEY (space_id, category)
      )`);

    await runner.query(`
      CREATE TABLE booking.establishment_manager (
        account_id uuid NOT NULL,
        establishment_id uuid NOT NULL REFERENCES booking.establishment(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, establishment_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['establishment_manager', 'tariff', 'closure', 'opening_rule', 'space', 'establishment']) {
      await runner.query(`DROP TABLE booking.${table}`);
    }
  }
}
