import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payment schema: bookings to be paid (fed by booking events), payout
 * accounts, payments and refunds with their idempotency keys, the provider's
 * webhook events stored once, the append-only ledger, payout items and flags.
 */
export class CreatePaymentTables1764100000000 implements MigrationInterface {
  name = 'CreatePaymentTables1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE payment.payable_booking (
        booking_id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        establishment_id uuid NOT NULL,
        space_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        price_cents integer NOT NULL CHECK (price_cents > 0),
        payment_due_at timestamptz,
        status text NOT NULL DEFAULT 'payable' CHECK (status IN ('payable', 'paid', 'cancelled', 'expired')),
        labels jsonb NOT NULL DEFAULT '{}'::jsonb,
        approved_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX payable_booking_organisation ON payment.payable_booking (organisation_id)`);
    await runner.query(`CREATE INDEX payable_booking_establishment ON payment.payable_booking (establishment_id)`);

    await runner.query(`
      CREATE TABLE payment.payout_account (
        establishment_id uuid PRIMARY KEY,
        provider text NOT NULL,
        account_id text NOT NULL UNIQUE,
        display_name text NOT NULL,
        status text NOT NULL CHECK (status IN ('onboarding', 'ready', 'restricted')),
        transfers_active boolean NOT NULL DEFAULT false,
        payouts_enabled boolean NOT NULL DEFAULT false,
        requirements_due text[] NOT NULL DEFAULT '{}',
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        ready_at timestamptz
      )`);

    await runner.query(`CREATE SEQUENCE payment.receipt_number_seq`);
    await runner.query(`
      CREATE TABLE payment.payment (
        id uuid PRIMARY KEY,
        booking_id uuid,
        attempt integer NOT NULL,
        status text NOT NULL CHECK (status IN ('creating', 'open', 'processing', 'succeeded', 'rejected', 'failed', 'expired', 'abandoned')),
        provider text NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        checkout_id text UNIQUE,
        checkout_url text,
        payment_reference text,
        charge_id text UNIQUE,
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        application_fee_cents integer NOT NULL CHECK (application_fee_cents >= 0),
        destination_account_id text,
        organisation_id uuid,
        establishment_id uuid,
        expires_at timestamptz NOT NULL,
        request jsonb NOT NULL,
        expire_requested_at timestamptz,
        paid_at timestamptz,
        receipt_number bigint UNIQUE,
        failure_reason text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (booking_id, attempt)
      )`);
    // One payment in progress or accepted per booking: a second click never opens a second checkout.
    await runner.query(
      `CREATE UNIQUE INDEX payment_live_per_booking ON payment.payment (booking_id) WHERE status IN ('creating', 'open', 'processing', 'succeeded')`,
    );
    await runner.query(
      `CREATE INDEX payment_open_expiry ON payment.payment (expires_at) WHERE status IN ('creating', 'open', 'processing')`,
    );

    await runner.query(`
      CREATE TABLE payment.refund (
        id uuid PRIMARY KEY,
        payment_id uuid NOT NULL REFERENCES payment.payment (id),
        booking_id uuid,
        cause text NOT NULL CHECK (cause IN ('cancellation', 'late_payment', 'unknown_booking', 'admin', 'external')),
        percent integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        status text NOT NULL CHECK (status IN ('requested', 'pending', 'succeeded', 'failed')),
        idempotency_key text NOT NULL UNIQUE,
        provider_refund_id text UNIQUE,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One refund per payment and cause: a cancellation delivered twice refunds once.
    await runner.query(
      `CREATE UNIQUE INDEX refund_once_per_cause ON payment.refund (payment_id, cause) WHERE cause <> 'external'`,
    );
    await runner.query(`CREATE INDEX refund_due ON payment.refund (next_attempt_at) WHERE status = 'requested'`);

    await runner.query(`
      CREATE TABLE payment.provider_event (
        id text PRIMARY KEY,
        provider text NOT NULL,
        type text NOT NULL,
        account text,
        livemode boolean NOT NULL,
        api_version text,
        created_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text
      )`);
    await runner.query(
      `CREATE INDEX provider_event_pending ON payment.provider_event (next_attempt_at) WHERE processed_at IS NULL`,
    );
    await runner.query(`CREATE INDEX provider_event_created ON payment.provider_event (created_at)`);

    await runner.query(`
      CREATE TABLE payment.ledger_entry (
        id bigserial PRIMARY KEY,
        booking_id uuid,
        payment_id uuid,
        establishment_id uuid,
        party text NOT NULL CHECK (party IN ('platform', 'establishment')),
        account_id text,
        entry_type text NOT NULL CHECK (entry_type IN ('charge', 'processing_fee', 'application_fee', 'transfer', 'transfer_reversal', 'fee_refund', 'refund', 'dispute', 'payout')),
        amount_cents bigint NOT NULL,
        currency text NOT NULL DEFAULT 'eur',
        provider_object_id text NOT NULL,
        payout_id text,
        occurred_at timestamptz NOT NULL,
        source_event_id text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (provider_object_id, entry_type, party),
        CHECK (
          (entry_type = 'charge' AND amount_cents > 0)
          OR (entry_type IN ('refund', 'dispute', 'payout', 'processing_fee') AND amount_cents < 0)
          OR entry_type IN ('application_fee', 'transfer', 'transfer_reversal', 'fee_refund')
        )
      )`);
    await runner.query(`CREATE INDEX ledger_entry_booking ON payment.ledger_entry (booking_id)`);
    await runner.query(
      `CREATE INDEX ledger_entry_establishment ON payment.ledger_entry (establishment_id, occurred_at)`,
    );
    // Append-only: corrections are new entries, never edits.
    await runner.query(`
      CREATE FUNCTION payment.ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'payment.ledger_entry is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await runner.query(
      `CREATE TRIGGER ledger_entry_no_update BEFORE UPDATE OR DELETE ON payment.ledger_entry FOR EACH ROW EXECUTE FUNCTION payment.ledger_append_only()`,
    );
    await runner.query(
      `CREATE TRIGGER ledger_entry_no_truncate BEFORE TRUNCATE ON payment.ledger_entry FOR EACH STATEMENT EXECUTE FUNCTION payment.ledger_append_only()`,
    );

    await runner.query(`
      CREATE TABLE payment.payout_item (
        payout_id text NOT NULL,
        establishment_id uuid NOT NULL,
        transaction_id text NOT NULL,
        source_object_id text NOT NULL,
        type text NOT NULL,
        net_cents bigint NOT NULL,
        PRIMARY KEY (payout_id, transaction_id)
      )`);

    await runner.query(`
      CREATE TABLE payment.payment_flag (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('amount_mismatch', 'unknown_booking', 'unknown_checkout', 'late_payment', 'dispute', 'refund_failed', 'provider_error')),
        dedupe_key text NOT NULL UNIQUE,
        booking_id uuid,
        payment_id uuid,
        detail text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolved_by uuid,
        resolution text
      )`);
    await runner.query(`CREATE INDEX payment_flag_open ON payment.payment_flag (created_at) WHERE resolved_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'payment_flag',
      'payout_item',
      'ledger_entry',
      'provider_event',
      'refund',
      'payment',
      'payout_account',
      'payable_booking',
    ]) {
      await runner.query(`DROP TABLE payment.${table}`);
    }
    await runner.query(`DROP FUNCTION payment.ledger_append_only()`);
    await runner.query(`DROP SEQUENCE payment.receipt_number_seq`);
  }
}
