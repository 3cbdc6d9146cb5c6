import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One account per (federation, subject). The subject is pairwise on
 * FranceConnect, so it is the only key: accounts are never matched by e-mail.
 */
export class CreateAccounts1763900100000 implements MigrationInterface {
  name = 'CreateAccounts1763900100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE gateway.account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider text NOT NULL CHECK (provider IN ('franceconnect', 'proconnect')),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
        claims jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT account_provider_subject_key UNIQUE (provider, subject)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE gateway.account`);
  }
}
