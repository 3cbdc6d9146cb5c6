import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments received at a collège's counter (its régie de recettes): the payment row (provider `counter`) keeps
 * the money, this table what the régie recorded with it: how it was paid, the quittance number (unique per
 * collège: the same quittance entered twice is a mistake) and the day received. Who recorded it is the payment's
 * `created_by`, as for a checkout (so the personal data export and erasure already cover it).
 */
export class CounterPayments1800310000000 implements MigrationInterface {
  name = 'CounterPayments1800310000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE payment.counter_payment (
        payment_id uuid PRIMARY KEY REFERENCES payment.payment (id),
        establishment_id uuid NOT NULL,
        method text NOT NULL CHECK (method IN ('especes', 'cheque', 'carte')),
        quittance text NOT NULL CHECK (length(quittance) BETWEEN 1 AND 40),
        received_on date NOT NULL,
        CONSTRAINT counter_payment_quittance_once UNIQUE (establishment_id, quittance)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE payment.counter_payment');
  }
}
