import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Managers by e-mail. An admin invites an agent by professional e-mail; the invitation is accepted at the
 * agent's first ProConnect login with that e-mail. A manager's e-mail is kept beside the name they are listed
 * by, with how they were designated (null for those designated before). A revocation is remembered, so that
 * an agent matched by SIRET is not designated again at their next request; a new invitation lifts it.
 */
export class ManagerInvitations1797500000000 implements MigrationInterface {
  name = 'ManagerInvitations1797500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE booking.establishment_manager
        ADD COLUMN email text,
        ADD COLUMN origin text CONSTRAINT establishment_manager_origin_check CHECK (origin IN ('siret', 'invitation'))`);
    await runner.query(`
      CREATE TABLE booking.manager_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        establishment_id uuid NOT NULL REFERENCES booking.establishment(id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        invited_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT manager_invitation_unique UNIQUE (establishment_id, email)
      )`);
    await runner.query(`CREATE INDEX manager_invitation_email_idx ON booking.manager_invitation (email)`);
    await runner.query(`
      CREATE TABLE booking.manager_revocation (
        account_id uuid NOT NULL,
        establishment_id uuid NOT NULL REFERENCES booking.establishment(id) ON DELETE CASCADE,
        revoked_by uuid NOT NULL,
        revoked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, establishment_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE booking.manager_revocation`);
    await runner.query(`DROP TABLE booking.manager_invitation`);
    await runner.query(`ALTER TABLE booking.establishment_manager DROP COLUMN origin, DROP COLUMN email`);
  }
}
