import type { MigrationInterface, QueryRunner } from 'typeorm';

/** btree_gist lets an exclusion constraint combine `space_id =` with `tstzrange &&`. */
export class EnableExtensions1763830000000 implements MigrationInterface {
  name = 'EnableExtensions1763830000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public');
  }

  async down(): Promise<void> {
    // The extension may be shared with other schemas of the database: left in place.
  }
}
