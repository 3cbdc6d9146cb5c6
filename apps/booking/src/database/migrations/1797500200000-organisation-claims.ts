import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims on a number (RNA or SIREN) that a verified organisation holds: the département's admins arbitrate.
 * One pending claim per claimant and organisation.
 */
export class OrganisationClaims1797500200000 implements MigrationInterface {
  name = 'OrganisationClaims1797500200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE booking.organisation_claim (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES booking.organisation(id) ON DELETE CASCADE,
        number text NOT NULL,
        claimant_account_id uuid NOT NULL,
        claimant_display_name text NOT NULL,
        statement text NOT NULL CHECK (length(statement) BETWEEN 10 AND 2000),
        status text NOT NULL DEFAULT 'pending'
          CONSTRAINT organisation_claim_status_check CHECK (status IN ('pending', 'granted', 'dismissed')),
        decided_by uuid,
        decision_reason text,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX organisation_claim_pending ON booking.organisation_claim
                          (organisation_id, claimant_account_id) WHERE status = 'pending'`);
    await runner.query(`CREATE INDEX organisation_claim_status_idx ON booking.organisation_claim (status, created_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE booking.organisation_claim`);
  }
}
