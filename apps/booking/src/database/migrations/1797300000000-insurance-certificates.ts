import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The insurance certificates organisations upload: one row per upload, the file in the object store under
 * `storage_key`. The latest is the one in force (its insurer, policy number and expiry are copied onto the
 * organisation, which the booking rules read); earlier ones stay, as conventions already signed refer to them.
 */
export class InsuranceCertificates1797300000000 implements MigrationInterface {
  name = 'InsuranceCertificates1797300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE booking.insurance_certificate (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES booking.organisation (id) ON DELETE CASCADE,
        insurer text NOT NULL,
        policy_number text NOT NULL,
        expires_on date NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX insurance_certificate_current_idx ON booking.insurance_certificate (organisation_id, uploaded_at DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE booking.insurance_certificate`);
  }
}
