import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The collège's UAI on its invoices: the seller identifier (EN 16931 BT-29) of a collège with no SIRET on
 * record, without which its invoices broke BR-CO-26.
 */
export class InvoiceSellerUai1798300000000 implements MigrationInterface {
  name = 'InvoiceSellerUai1798300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE payment.invoice ADD COLUMN seller_uai text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE payment.invoice DROP COLUMN seller_uai`);
  }
}
