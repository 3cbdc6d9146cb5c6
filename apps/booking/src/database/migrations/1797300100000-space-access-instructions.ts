import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How an organisation gets into a space (keys or badge, alarm, caretaker), one row per space once its managers
 * write them. Kept apart from `space`, which visitors read: these are shown to the managers and to organisations
 * with a confirmed booking only.
 */
export class SpaceAccessInstructions1797300100000 implements MigrationInterface {
  name = 'SpaceAccessInstructions1797300100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE booking.space_access_instructions (
        space_id uuid PRIMARY KEY REFERENCES booking.space (id) ON DELETE CASCADE,
        keys text NOT NULL,
        alarm text NOT NULL,
        caretaker_contact text NOT NULL,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE booking.space_access_instructions`);
  }
}
