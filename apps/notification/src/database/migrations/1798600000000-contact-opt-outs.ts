import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - contact_opt_out: the optional kinds of e-mail an address listed for an
 *   organisation or a collège as such (no account, so no « Mon compte ») turned
 *   off with its own one-click unsubscription link. Kept by address, so that
 *   the same address listed again stays unsubscribed. No CHECK on the kinds:
 *   the code that writes them checks them (see 1797700000000).
 */
export class ContactOptOuts1798600000000 implements MigrationInterface {
  name = 'ContactOptOuts1798600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE notification.contact_opt_out (
        email text NOT NULL CHECK (email = lower(email) AND position('@' IN email) > 1),
        kind text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (email, kind)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE notification.contact_opt_out`);
  }
}
