import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the gateway last announced of its configuration (the admins' addresses), as a digest: announced again only when it changes. */
export class Announcements1796740000000 implements MigrationInterface {
  name = 'Announcements1796740000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE gateway.announcement (
        topic text PRIMARY KEY,
        digest text NOT NULL,
        announced_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE gateway.announcement`);
  }
}
