import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A series' sessions requested, decided or cancelled in one action are told in one message, logged under the
 * earliest session's booking (`booking_id`). `series_booking_ids` lists every session it was about, so that each
 * session's page lists it among the messages sent about it (GIN: found by any of them).
 */
export class MessageSeriesSessions1801300000000 implements MigrationInterface {
  name = 'MessageSeriesSessions1801300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification.message ADD COLUMN series_booking_ids uuid[]`);
    await runner.query(
      `CREATE INDEX message_series_booking_idx ON notification.message USING gin (series_booking_ids)
        WHERE series_booking_ids IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX notification.message_series_booking_idx`);
    await runner.query(`ALTER TABLE notification.message DROP COLUMN series_booking_ids`);
  }
}
