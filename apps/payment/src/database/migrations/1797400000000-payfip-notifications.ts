import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every PayFiP notification received, whatever it named: PayFiP signs nothing, so a notification is only
 * a wake-up (the result is read back) and one naming an unknown or already settled idOp has no effect
 * but is kept here, for the admins and the benchmark.
 */
export class PayfipNotifications1797400000000 implements MigrationInterface {
  name = 'PayfipNotifications1797400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE payment.payfip_notification (
        id bigserial PRIMARY KEY,
        id_op text,
        payment_id uuid REFERENCES payment.payment (id),
        outcome text NOT NULL CHECK (outcome IN ('malformed', 'unknown', 'already_settled', 'read_back', 'read_failed')),
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX payfip_notification_received ON payment.payfip_notification (received_at)`);
    // The catch-up finds pending PayFiP operations without scanning every payment.
    await runner.query(
      `CREATE INDEX payment_payfip_pending ON payment.payment (updated_at) WHERE provider = 'payfip' AND status IN ('open', 'processing')`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX payment.payment_payfip_pending`);
    await runner.query(`DROP TABLE payment.payfip_notification`);
  }
}
