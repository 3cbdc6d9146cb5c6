import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each booking's conversation between its organisation and its collège
 * (plain text, kept with the booking and deleted with it), and how far each
 * account has read it, for the unread markers.
 */
export class BookingConversation1797600100000 implements MigrationInterface {
  name = 'BookingConversation1797600100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE booking.booking_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        booking_id uuid NOT NULL REFERENCES booking.booking (id) ON DELETE CASCADE,
        author_account_id uuid NOT NULL,
        author_role text NOT NULL
          CHECK (author_role IN ('organisation_member', 'establishment_manager', 'department_admin')),
        author_name text,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await runner.query(`CREATE INDEX booking_message_thread ON booking.booking_message (booking_id, created_at)`);
    await runner.query(`
      CREATE TABLE booking.booking_message_read (
        booking_id uuid NOT NULL REFERENCES booking.booking (id) ON DELETE CASCADE,
        account_id uuid NOT NULL,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (booking_id, account_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE booking.booking_message_read`);
    await runner.query(`DROP TABLE booking.booking_message`);
  }
}
