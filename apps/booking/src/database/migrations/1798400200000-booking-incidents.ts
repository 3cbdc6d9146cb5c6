import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents a collège notes about a past booking (damage, keys returned late, a room left dirty): shown to the
 * collège's managers and the département's admins in the organisation's history, and to the organisation on its
 * booking. Who noted it and when are kept with it.
 */
export class BookingIncidents1798400200000 implements MigrationInterface {
  name = 'BookingIncidents1798400200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE booking.booking_incident (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        booking_id uuid NOT NULL REFERENCES booking.booking(id) ON DELETE CASCADE,
        establishment_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        occurred_on date NOT NULL,
        severity text NOT NULL CONSTRAINT booking_incident_severity_check CHECK (severity IN ('minor', 'moderate', 'serious')),
        description text NOT NULL CHECK (length(description) BETWEEN 3 AND 2000),
        recorded_by uuid,
        recorded_by_role text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX booking_incident_history ON booking.booking_incident (establishment_id, organisation_id, occurred_on)`,
    );
    await runner.query(`CREATE INDEX booking_incident_booking ON booking.booking_incident (booking_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE booking.booking_incident`);
  }
}
