import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A debit (SEPA) the payment provider is still processing holds its booking
 * past the payment deadline, until it succeeds or fails: the sweeper skips
 * bookings that name one, so the slot cannot be sold twice meanwhile.
 */
export class ProcessingPayment1765013000000 implements MigrationInterface {
  name = 'ProcessingPayment1765013000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.booking ADD COLUMN processing_payment_id uuid`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.booking DROP COLUMN processing_payment_id`);
  }
}
