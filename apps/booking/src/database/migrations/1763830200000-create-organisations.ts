import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations that rent spaces, and the accounts that act for them. */
export class CreateOrganisations1763830200000 implements MigrationInterface {
  name = 'CreateOrganisations1763830200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE booking.organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('association', 'commune', 'training_organisation', 'company')),
        rna text UNIQUE,
        siren text UNIQUE CHECK (siren ~ '^[0-9]{9}$'),
        address text NOT NULL DEFAULT '',
        postal_code text NOT NULL DEFAULT '',
        commune_name text NOT NULL DEFAULT '',
        eligibility_declared_at timestamptz NOT NULL,
        republican_contract_acknowledged boolean NOT NULL CHECK (republican_contract_acknowledged),
        insurance_reference text NOT NULL,
        insurance_expires_on date NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected')),
        rejection_reason text,
        ics_token text NOT NULL UNIQUE DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (rna IS NOT NULL OR siren IS NOT NULL)
      )`);
    await runner.query(`CREATE INDEX organisation_status_idx ON booking.organisation (status)`);

    await runner.query(`
      CREATE TABLE booking.membership (
        account_id uuid NOT NULL,
        organisation_id uuid NOT NULL REFERENCES booking.organisation(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'member')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, organisation_id)
      )`);
    await runner.query(`CREATE INDEX membership_organisation_idx ON booking.membership (organisation_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE booking.membership');
    await runner.query('DROP TABLE booking.organisation');
  }
}
