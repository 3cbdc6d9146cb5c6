import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The collèges' people, as the booking service announces them
 * (`establishment.contacts_changed`):
 * - recipient.source tells the collège's contact address (`contact`,
 *   replaced at each announcement) from addresses listed by hand (`listed`);
 * - establishment_manager: the managers' accounts, whose e-mails come from
 *   account_contact as the organisations' members' do.
 */
export class EstablishmentContacts1796720000000 implements MigrationInterface {
  name = 'EstablishmentContacts1796720000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE notification.recipient
         ADD COLUMN source text NOT NULL DEFAULT 'listed' CHECK (source IN ('listed', 'contact'))`,
    );
    await runner.query(`
      CREATE TABLE notification.establishment_manager (
        establishment_id uuid NOT NULL,
        account_id uuid NOT NULL,
        PRIMARY KEY (establishment_id, account_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE notification.establishment_manager`);
    await runner.query(`ALTER TABLE notification.recipient DROP COLUMN source`);
  }
}
