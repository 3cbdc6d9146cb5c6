import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A series' payment period paid as one item: the payable sessions remember their series and period
 * (from booking.approved), a payment may pay a period (`series_id`, `period_key`, no `booking_id`) through
 * the sessions it lists in `payment_item`, one live payment per period, and a refund is owed once per
 * payment, session and cause (a period's sessions are cancelled one by one).
 */
export class PeriodPayments1799300000000 implements MigrationInterface {
  name = 'PeriodPayments1799300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE payment.payable_booking ADD COLUMN series_id uuid, ADD COLUMN period_key text, ADD COLUMN period_label text`,
    );
    await runner.query(
      `CREATE INDEX payable_booking_period ON payment.payable_booking (series_id, period_key) WHERE series_id IS NOT NULL`,
    );
    await runner.query(`ALTER TABLE payment.payment ADD COLUMN series_id uuid, ADD COLUMN period_key text`);
    await runner.query(
      `ALTER TABLE payment.payment ADD CONSTRAINT payment_period_whole CHECK ((series_id IS NULL) = (period_key IS NULL))`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX payment_live_per_period ON payment.payment (series_id, period_key) WHERE series_id IS NOT NULL AND status IN ('creating', 'open', 'processing', 'succeeded')`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX payment_period_attempt ON payment.payment (series_id, period_key, attempt) WHERE series_id IS NOT NULL`,
    );
    await runner.query(`
      CREATE TABLE payment.payment_item (
        payment_id uuid NOT NULL REFERENCES payment.payment (id),
        booking_id uuid NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents >= 0),
        PRIMARY KEY (payment_id, booking_id)
      )`);
    await runner.query(`CREATE INDEX payment_item_booking ON payment.payment_item (booking_id)`);
    await runner.query(`DROP INDEX payment.refund_once_per_cause`);
    await runner.query(
      `CREATE UNIQUE INDEX refund_once_per_cause ON payment.refund (payment_id, COALESCE(booking_id, payment_id), cause) WHERE cause <> 'external'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX payment.refund_once_per_cause`);
    await runner.query(
      `CREATE UNIQUE INDEX refund_once_per_cause ON payment.refund (payment_id, cause) WHERE cause <> 'external'`,
    );
    await runner.query(`DROP TABLE payment.payment_item`);
    await runner.query(`DROP INDEX payment.payment_period_attempt`);
    await runner.query(`DROP INDEX payment.payment_live_per_period`);
    await runner.query(`ALTER TABLE payment.payment DROP CONSTRAINT payment_period_whole`);
    await runner.query(`ALTER TABLE payment.payment DROP COLUMN series_id, DROP COLUMN period_key`);
    await runner.query(`DROP INDEX payment.payable_booking_period`);
    await runner.query(
      `ALTER TABLE payment.payable_booking DROP COLUMN series_id, DROP COLUMN period_key, DROP COLUMN period_label`,
    );
  }
}
