import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How a public payer's booking is invoiced: the paying entity's SIRET, its engagement number and its Chorus Pro
 * service code, given with the request. Null for every booking paid online or free; the payment service receives
 * them with the booking's confirmation and prints them on the invoice.
 */
export class BookingPublicPayer1797450000000 implements MigrationInterface {
  name = 'BookingPublicPayer1797450000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.booking ADD COLUMN public_payer jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.booking DROP COLUMN public_payer`);
  }
}
