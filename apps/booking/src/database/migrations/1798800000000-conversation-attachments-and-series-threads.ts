import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A season series has one conversation: a message written from any of its sessions carries the series, and every
 * session shows the series' messages. A message may carry one attachment (PDF, JPEG or PNG in the object store);
 * the row goes with its message, and so with the booking.
 */
export class ConversationAttachmentsAndSeriesThreads1798800000000 implements MigrationInterface {
  name = 'ConversationAttachmentsAndSeriesThreads1798800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE booking.booking_message ADD COLUMN series_id uuid REFERENCES booking.series (id) ON DELETE CASCADE`,
    );
    await runner.query(
      `CREATE INDEX booking_message_series_thread ON booking.booking_message (series_id, created_at)
        WHERE series_id IS NOT NULL`,
    );
    await runner.query(`
      CREATE TABLE booking.booking_message_attachment (
        message_id uuid PRIMARY KEY REFERENCES booking.booking_message (id) ON DELETE CASCADE,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        storage_key text NOT NULL UNIQUE
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE booking.booking_message_attachment`);
    await runner.query(`ALTER TABLE booking.booking_message DROP COLUMN series_id`);
  }
}
