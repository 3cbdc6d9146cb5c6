import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLogger } from '@salle/runtime';
import { createTestDatabase, type TestDatabase } from '@salle/testing';
import { migrateService, StartupError } from '../src/index';

class CreateJobNotes1700000000000 implements MigrationInterface {
  name = 'CreateJobNotes1700000000000';
  async up(runner: QueryRunner) {
    await runner.query(`CREATE TABLE "jobsvc"."note" (id serial PRIMARY KEY)`);
  }
  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE "jobsvc"."note"`);
  }
}

const logger = createLogger({ service: 'jobsvc-test', level: 'silent' });

describe('migrateService (the migration job)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('migrate-job');
  });

  afterAll(async () => {
    await database?.drop();
  });

  const options = () => ({
    name: 'jobsvc',
    logger,
    databaseUrl: database.url,
    database: { schema: 'jobsvc', migrations: [CreateJobNotes1700000000000] },
  });

  it('applies the pending migrations, then nothing on a second run', async () => {
    expect(await migrateService(options())).toEqual(['CreateJobNotes1700000000000']);
    expect(await migrateService(options())).toEqual([]);
    const { Client } = await import('pg');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const tables = await client.query(`SELECT to_regclass('jobsvc.note') AS note`);
      expect(tables.rows[0].note).toBe('jobsvc.note');
      // Closed behind itself: no connection of the job is left open.
      const open = await client.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'jobsvc'`,
      );
      expect(open.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('says which database did not answer, as a start-up error', async () => {
    const unreachable = { ...options(), databaseUrl: 'postgres://nobody:pw@127.0.0.1:1/none', startupAttempts: 1 };
    await expect(migrateService(unreachable)).rejects.toBeInstanceOf(StartupError);
  });
});
