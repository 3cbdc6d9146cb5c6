import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bookings, series and their audit trail. The exclusion constraint is the
 * guarantee against double bookings, across any number of replicas: a slot
 * is held from `starts_at` to `blocked_until` (the end plus the space's
 * turnaround buffer) while the booking is in a slot-holding status.
 */
export class CreateBookings1763830300000 implements MigrationInterface {
  name = 'CreateBookings1763830300000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE booking.series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        space_id uuid NOT NULL REFERENCES booking.space(id),
        organisation_id uuid NOT NULL REFERENCES booking.organisation(id),
        rrule text NOT NULL,
        local_start_time time NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
        options jsonb NOT NULL DEFAULT '{}',
        requested_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await runner.query(`
      CREATE TABLE booking.booking (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        space_id uuid NOT NULL REFERENCES booking.space(id),
        establishment_id uuid NOT NULL REFERENCES booking.establishment(id),
        organisation_id uuid NOT NULL REFERENCES booking.organisation(id),
        series_id uuid REFERENCES booking.series(id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        blocked_until timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('requested', 'approved', 'awaiting_payment', 'confirmed', 'completed', 'refused', 'expired', 'cancelled')),
        renter_category text NOT NULL CHECK (renter_category IN ('association', 'commune', 'training_organisation', 'company')),
        price_cents integer NOT NULL CHECK (price_cents >= 0),
        deposit_cents integer NOT NULL DEFAULT 0 CHECK (deposit_cents >= 0),
        price_details jsonb NOT NULL DEFAULT '{}',
        purpose text NOT NULL DEFAULT '',
        attendees integer CHECK (attendees > 0),
        requested_by uuid NOT NULL,
        decided_by uuid,
        decision_message text,
        refusal_reason text,
        cancelled_by text CHECK (cancelled_by IN ('organisation', 'establishment', 'system')),
        cancellation_reason text,
        refund_percent smallint CHECK (refund_percent BETWEEN 0 AND 100),
        expires_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK (blocked_until >= ends_at),
        CONSTRAINT booking_no_overlap EXCLUDE USING gist (
          space_id WITH =,
          tstzrange(starts_at, blocked_until, '[)') WITH &&
        ) WHERE (status IN ('requested', 'approved', 'awaiting_payment', 'confirmed'))
      )`);
    await runner.query(
      `CREATE INDEX booking_space_time_idx ON booking.booking USING gist (space_id, tstzrange(starts_at, blocked_until, '[)'))`,
    );
    await runner.query(`CREATE INDEX booking_organisation_idx ON booking.booking (organisation_id, starts_at)`);
    await runner.query(`CREATE INDEX booking_establishment_idx ON booking.booking (establishment_id, starts_at)`);
    await runner.query(`CREATE INDEX booking_series_idx ON booking.booking (series_id) WHERE series_id IS NOT NULL`);
    await runner.query(
      `CREATE INDEX booking_expiry_idx ON booking.booking (expires_at) WHERE status IN ('requested', 'awaiting_payment')`,
    );

    await runner.query(`
      CREATE TABLE booking.audit_entry (
        id bigserial PRIMARY KEY,
        booking_id uuid NOT NULL REFERENCES booking.booking(id),
        actor_account_id uuid,
        actor_role text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        reason text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX audit_entry_booking_idx ON booking.audit_entry (booking_id, at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE booking.audit_entry');
    await runner.query('DROP TABLE booking.booking');
    await runner.query('DROP TABLE booking.series');
  }
}
