import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Joining an organisation through a link its owner sends, instead of the
 * owner typing the newcomer's account id. Only a SHA-256 of the link's secret
 * is stored: a leaked table does not let anyone join. Members keep the name
 * their identity provider gave when they joined, so owners see names.
 */
export class OrganisationInvitations1763900300000 implements MigrationInterface {
  name = 'OrganisationInvitations1763900300000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.membership ADD COLUMN display_name text`);
    await runner.query(`
      CREATE TABLE booking.organisation_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES booking.organisation (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('owner', 'member')),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_by uuid,
        accepted_at timestamptz,
        revoked_at timestamptz,
        CHECK ((accepted_by IS NULL) = (accepted_at IS NULL)),
        CHECK (expires_at > created_at)
      )`);
    await runner.query(
      `CREATE INDEX organisation_invitation_open_idx ON booking.organisation_invitation (organisation_id, created_at)
         WHERE accepted_at IS NULL AND revoked_at IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE booking.organisation_invitation`);
    await runner.query(`ALTER TABLE booking.membership DROP COLUMN display_name`);
  }
}
