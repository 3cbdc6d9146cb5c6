import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A booking paid before its convention is fully signed (CONVENTION_SIGNING=after_payment) keeps the date by which
 * it must be signed, and when that date passed unsigned: the parties still to sign were reminded and the collège
 * sees the booking flagged (it is never cancelled, nor its payment kept, without the collège's decision).
 */
export class ConventionSigningDeadline1800090000000 implements MigrationInterface {
  name = 'ConventionSigningDeadline1800090000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE booking.booking
        ADD COLUMN convention_due_at timestamptz,
        ADD COLUMN convention_overdue_at timestamptz`);
    await runner.query(`
      CREATE INDEX booking_convention_due ON booking.booking (convention_due_at)
        WHERE convention_due_at IS NOT NULL AND convention_overdue_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX booking.booking_convention_due`);
    await runner.query(`ALTER TABLE booking.booking DROP COLUMN convention_due_at, DROP COLUMN convention_overdue_at`);
  }
}
