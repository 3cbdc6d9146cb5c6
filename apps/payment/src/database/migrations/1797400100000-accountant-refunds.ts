import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PayFiP has no refund operation: a refund owed on a PayFiP payment is a request to the collège's public
 * accountant (a payment order), handed over, then marked done with the accountant's own reference.
 */
export class AccountantRefunds1797400100000 implements MigrationInterface {
  name = 'AccountantRefunds1797400100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE payment.refund
        ADD COLUMN accountant_requested_at timestamptz,
        ADD COLUMN accountant_reference text CHECK (length(accountant_reference) BETWEEN 1 AND 60),
        ADD COLUMN accountant_done_at timestamptz,
        ADD COLUMN accountant_done_by uuid,
        ADD CONSTRAINT refund_accountant_done CHECK (
          accountant_done_at IS NULL OR (accountant_requested_at IS NOT NULL AND accountant_reference IS NOT NULL))`);
    await runner.query(
      `CREATE INDEX refund_accountant_open ON payment.refund (accountant_requested_at) WHERE accountant_requested_at IS NOT NULL AND accountant_done_at IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX payment.refund_accountant_open`);
    await runner.query(`
      ALTER TABLE payment.refund DROP CONSTRAINT refund_accountant_done, DROP COLUMN accountant_requested_at,
        DROP COLUMN accountant_reference, DROP COLUMN accountant_done_at, DROP COLUMN accountant_done_by`);
  }
}
