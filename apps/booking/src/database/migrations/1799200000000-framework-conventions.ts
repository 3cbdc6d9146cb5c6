import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The framework convention (CONVENTION_MODE=framework): one per organisation, collège and school year, kept in the
 * same table as the conventions so that signatures, seal, evidence, verification and retention serve it unchanged.
 * A row is a `convention` (of a booking or a series, as before), a `framework` (no booking: its organisation,
 * collège and school year, unique together, which is what makes two approvals at once create one), or an `annex`
 * (of a booking or a series, referring to its framework).
 */
export class FrameworkConventions1799200000000 implements MigrationInterface {
  name = 'FrameworkConventions1799200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE booking.convention
        ADD COLUMN kind text NOT NULL DEFAULT 'convention' CHECK (kind IN ('convention', 'annex', 'framework')),
        ADD COLUMN organisation_id uuid REFERENCES booking.organisation (id),
        ADD COLUMN establishment_id uuid REFERENCES booking.establishment (id),
        ADD COLUMN school_year integer CHECK (school_year BETWEEN 2000 AND 2999),
        ADD COLUMN framework_id uuid REFERENCES booking.convention (id)`);
    await runner.query(`ALTER TABLE booking.convention DROP CONSTRAINT convention_check`);
    await runner.query(`
      ALTER TABLE booking.convention ADD CONSTRAINT convention_kind_parties CHECK (
        CASE
          WHEN kind = 'framework' THEN booking_id IS NULL AND series_id IS NULL AND framework_id IS NULL
            AND organisation_id IS NOT NULL AND establishment_id IS NOT NULL AND school_year IS NOT NULL
          WHEN kind = 'annex' THEN (booking_id IS NULL) <> (series_id IS NULL) AND framework_id IS NOT NULL
          ELSE (booking_id IS NULL) <> (series_id IS NULL) AND framework_id IS NULL
        END)`);
    await runner.query(`
      CREATE UNIQUE INDEX convention_framework_once ON booking.convention (organisation_id, establishment_id, school_year)
        WHERE kind = 'framework'`);
    await runner.query(
      `CREATE INDEX convention_framework_annexes ON booking.convention (framework_id) WHERE framework_id IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM booking.convention WHERE kind = 'annex'`);
    await runner.query(`DELETE FROM booking.convention WHERE kind = 'framework'`);
    await runner.query(`ALTER TABLE booking.convention DROP CONSTRAINT convention_kind_parties`);
    await runner.query(`
      ALTER TABLE booking.convention
        DROP COLUMN framework_id, DROP COLUMN school_year, DROP COLUMN establishment_id, DROP COLUMN organisation_id,
        DROP COLUMN kind`);
    await runner.query(
      `ALTER TABLE booking.convention ADD CONSTRAINT convention_check CHECK ((booking_id IS NULL) <> (series_id IS NULL))`,
    );
  }
}
