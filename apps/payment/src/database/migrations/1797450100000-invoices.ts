import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoices to public payers: one per booking confirmed on approval for a commune, numbered without gaps per
 * year (FA-…), paid with the payment's reference or cancelled with a credit note numbered apart (AV-…).
 */
export class Invoices1797450100000 implements MigrationInterface {
  name = 'Invoices1797450100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE payment.invoice_counter (
        kind text NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
        year integer NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (kind, year)
      )`);
    await runner.query(`
      CREATE TABLE payment.invoice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        booking_id uuid NOT NULL UNIQUE,
        organisation_id uuid NOT NULL,
        establishment_id uuid NOT NULL,
        space_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        payer jsonb NOT NULL,
        labels jsonb NOT NULL,
        seller_siret text,
        status text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'paid', 'cancelled')),
        issued_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        paid_at timestamptz,
        payment_reference text CHECK (length(payment_reference) BETWEEN 1 AND 60),
        paid_recorded_by uuid,
        credit_note_number text UNIQUE,
        cancelled_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invoice_paid CHECK ((status = 'paid') = (paid_at IS NOT NULL AND payment_reference IS NOT NULL)),
        CONSTRAINT invoice_cancelled CHECK ((status = 'cancelled') = (credit_note_number IS NOT NULL))
      )`);
    await runner.query(`CREATE INDEX invoice_establishment_issued ON payment.invoice (establishment_id, issued_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE payment.invoice`);
    await runner.query(`DROP TABLE payment.invoice_counter`);
  }
}
