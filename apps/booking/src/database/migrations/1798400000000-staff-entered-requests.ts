import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Requests a collège's manager or a département admin enters for an organisation that phoned or came in:
 * who created an organisation's record (null when it declared itself), who claimed a record created without
 * members, and on bookings and their audit entries who entered them on the organisation's behalf and how the
 * organisation said it would pay.
 */
export class StaffEnteredRequests1798400000000 implements MigrationInterface {
  name = 'StaffEnteredRequests1798400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE booking.organisation
        ADD COLUMN created_by uuid,
        ADD COLUMN claimed_by uuid,
        ADD COLUMN claimed_at timestamptz`);
    await runner.query(`
      ALTER TABLE booking.booking
        ADD COLUMN entered_by uuid,
        ADD COLUMN payment_choice text
          CONSTRAINT booking_payment_choice_check CHECK (payment_choice IN ('online', 'invoice', 'counter'))`);
    await runner.query(`ALTER TABLE booking.audit_entry ADD COLUMN on_behalf_of uuid`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.audit_entry DROP COLUMN on_behalf_of`);
    await runner.query(`ALTER TABLE booking.booking DROP COLUMN entered_by, DROP COLUMN payment_choice`);
    await runner.query(
      `ALTER TABLE booking.organisation DROP COLUMN created_by, DROP COLUMN claimed_by, DROP COLUMN claimed_at`,
    );
  }
}
