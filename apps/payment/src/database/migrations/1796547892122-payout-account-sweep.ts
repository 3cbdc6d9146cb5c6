import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the sweeper last re-read each payout account and listed back the
 * Connect events that happened on it: accounts are swept in turn, and the
 * next listing starts from there, so a lost Connect webhook is recovered.
 */
export class PayoutAccountSweep1796547892122 implements MigrationInterface {
  name = 'PayoutAccountSweep1796547892122';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE payment.payout_account ADD COLUMN swept_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE payment.payout_account DROP COLUMN swept_at`);
  }
}
