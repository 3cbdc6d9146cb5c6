import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the retention job warned an unused account that it will be erased (null: not warned, or logged in since:
 * a login clears it). The job erases the accounts warned longer ago than the notice period.
 */
export class AccountInactivityWarning1797200000000 implements MigrationInterface {
  name = 'AccountInactivityWarning1797200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE gateway.account ADD COLUMN inactivity_warned_at timestamptz`);
    await runner.query(`CREATE INDEX account_last_login_idx ON gateway.account (last_login_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX gateway.account_last_login_idx`);
    await runner.query(`ALTER TABLE gateway.account DROP COLUMN inactivity_warned_at`);
  }
}
