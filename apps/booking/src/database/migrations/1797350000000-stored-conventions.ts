import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The convention of a booking, or of its whole series, as issued once the request is approved: the exact PDF is
 * kept in the object store under `storage_key`, with its SHA-256 and the template version it was made from, so the
 * document the parties sign later is this one and not a regeneration from a template edited since.
 */
export class StoredConventions1797350000000 implements MigrationInterface {
  name = 'StoredConventions1797350000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE booking.convention (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        booking_id uuid UNIQUE REFERENCES booking.booking (id) ON DELETE CASCADE,
        series_id uuid UNIQUE REFERENCES booking.series (id) ON DELETE CASCADE,
        template_version integer NOT NULL CHECK (template_version >= 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((booking_id IS NULL) <> (series_id IS NULL))
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE booking.convention`);
  }
}
