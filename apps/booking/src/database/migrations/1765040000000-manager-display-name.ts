import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A collège's managers are listed by name, not by account id: the name their identity provider gave
 * them when they last signed in (null until a manager added by the département first does).
 */
export class ManagerDisplayName1765040000000 implements MigrationInterface {
  name = 'ManagerDisplayName1765040000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.establishment_manager ADD COLUMN display_name text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE booking.establishment_manager DROP COLUMN display_name`);
  }
}
