import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Online signing of the convention, in order: each signature keeps who signed (the identity their federation gave),
 * how (federation and assurance level, or the standing delegation), when, the SHA-256 of the exact document signed
 * and the consent version, once per step. A collège's manager may be its signatory, and département admins may hold
 * the delegation. Once complete, the sealed PDF and its evidence file are stored beside the issued convention. A
 * booking paid before its convention was signed (after_payment) remembers the payment that will confirm it.
 */
export class ConventionSignatures1798100000000 implements MigrationInterface {
  name = 'ConventionSignatures1798100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE booking.convention_signature (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        convention_id uuid NOT NULL REFERENCES booking.convention (id) ON DELETE CASCADE,
        step text NOT NULL CHECK (step IN ('organisation', 'establishment', 'department')),
        signer_account_id uuid,
        display_name text NOT NULL,
        method text NOT NULL CHECK (method IN ('franceconnect', 'proconnect', 'standing_delegation')),
        assurance_level text,
        document_sha256 text NOT NULL CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
        consent_version text NOT NULL,
        signed_at timestamptz NOT NULL,
        UNIQUE (convention_id, step),
        CHECK ((method = 'standing_delegation') = (signer_account_id IS NULL))
      )`);
    await runner.query(`
      ALTER TABLE booking.convention
        ADD COLUMN sealed_storage_key text,
        ADD COLUMN sealed_sha256 text CHECK (sealed_sha256 ~ '^[0-9a-f]{64}$'),
        ADD COLUMN evidence_storage_key text,
        ADD COLUMN evidence_sha256 text CHECK (evidence_sha256 ~ '^[0-9a-f]{64}$'),
        ADD COLUMN completed_at timestamptz`);
    await runner.query(`ALTER TABLE booking.establishment_manager ADD COLUMN signatory boolean NOT NULL DEFAULT false`);
    await runner.query(`
      CREATE TABLE booking.convention_delegate (
        account_id uuid PRIMARY KEY,
        deliberation text NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`ALTER TABLE booking.booking ADD COLUMN paid_by_payment_id uuid`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.booking DROP COLUMN paid_by_payment_id`);
    await runner.query(`DROP TABLE booking.convention_delegate`);
    await runner.query(`ALTER TABLE booking.establishment_manager DROP COLUMN signatory`);
    await runner.query(`
      ALTER TABLE booking.convention
        DROP COLUMN sealed_storage_key, DROP COLUMN sealed_sha256, DROP COLUMN evidence_storage_key,
        DROP COLUMN evidence_sha256, DROP COLUMN completed_at`);
    await runner.query(`DROP TABLE booking.convention_signature`);
  }
}
