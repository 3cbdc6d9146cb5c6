import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A convention (or framework, or annex) signed on paper at the collège: its manager records the scan, kept once in
 * the object store with its SHA-256, the date written on the paper and the names as written there (optional), who
 * recorded it and when. The row's `completed_at` is set with it, so that everything reading a complete convention
 * (the payment gate, the admins' list to sign, retention) treats it like one signed online. The recorder's id goes
 * with an erasure (null); every other column is set together or not at all.
 */
export class PaperSignedConventions1800400000000 implements MigrationInterface {
  name = 'PaperSignedConventions1800400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE booking.convention
        ADD COLUMN paper_storage_key text,
        ADD COLUMN paper_sha256 text,
        ADD COLUMN paper_content_type text CHECK (paper_content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        ADD COLUMN paper_size_bytes integer CHECK (paper_size_bytes > 0),
        ADD COLUMN paper_signed_on date,
        ADD COLUMN paper_signatories text,
        ADD COLUMN paper_recorded_by uuid,
        ADD COLUMN paper_recorded_at timestamptz`);
    await runner.query(`
      ALTER TABLE booking.convention ADD CONSTRAINT convention_paper_whole CHECK (
        (paper_storage_key IS NULL AND paper_sha256 IS NULL AND paper_content_type IS NULL
          AND paper_size_bytes IS NULL AND paper_signed_on IS NULL AND paper_signatories IS NULL
          AND paper_recorded_by IS NULL AND paper_recorded_at IS NULL)
        OR (paper_storage_key IS NOT NULL AND paper_sha256 IS NOT NULL AND paper_content_type IS NOT NULL
          AND paper_size_bytes IS NOT NULL AND paper_signed_on IS NOT NULL AND paper_recorded_at IS NOT NULL
          AND completed_at IS NOT NULL AND sealed_storage_key IS NULL))`);
    await runner.query(
      `CREATE INDEX convention_paper_recorded_by ON booking.convention (paper_recorded_by) WHERE paper_recorded_by IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX booking.convention_paper_recorded_by`);
    await runner.query(`ALTER TABLE booking.convention DROP CONSTRAINT convention_paper_whole`);
    await runner.query(`
      ALTER TABLE booking.convention
        DROP COLUMN paper_storage_key, DROP COLUMN paper_sha256, DROP COLUMN paper_content_type,
        DROP COLUMN paper_size_bytes, DROP COLUMN paper_signed_on, DROP COLUMN paper_signatories,
        DROP COLUMN paper_recorded_by, DROP COLUMN paper_recorded_at`);
  }
}
