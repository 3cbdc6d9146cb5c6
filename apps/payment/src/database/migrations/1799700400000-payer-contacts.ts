import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * « Contacter le payeur »: each message an admin or the collège wrote to the payer organisation about a flag,
 * with who and when, the flag's history of contacts.
 */
export class PayerContacts1799700400000 implements MigrationInterface {
  name = 'PayerContacts1799700400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE payment.payment_flag_contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        flag_id uuid NOT NULL REFERENCES payment.payment_flag (id) ON DELETE CASCADE,
        contacted_at timestamptz NOT NULL DEFAULT now(),
        contacted_by uuid,
        contacted_by_role text NOT NULL CHECK (contacted_by_role IN ('department_admin', 'establishment_manager')),
        message text NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX payment_flag_contact_flag_idx ON payment.payment_flag_contact (flag_id, contacted_at)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE payment.payment_flag_contact');
  }
}
