import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The versions of the convention template the département edits: append-only, the highest version is in force,
 * and none at all means the defaults shipped with the product (version 0).
 */
export class ConventionTemplates1797300200000 implements MigrationInterface {
  name = 'ConventionTemplates1797300200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE booking.convention_template (
        version integer PRIMARY KEY CHECK (version > 0),
        content jsonb NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE booking.convention_template`);
  }
}
