import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time codes sent to the contact of an organisation record created without members, so that the person
 * who receives them can claim it. Only a salted hash of each code is kept; attempts are counted on the row.
 */
export class ContactClaimCodes1798400100000 implements MigrationInterface {
  name = 'ContactClaimCodes1798400100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE booking.contact_claim_code (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES booking.organisation(id) ON DELETE CASCADE,
        account_id uuid NOT NULL,
        code_hash text NOT NULL,
        attempts smallint NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX contact_claim_code_lookup ON booking.contact_claim_code (organisation_id, account_id, created_at)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE booking.contact_claim_code`);
  }
}
