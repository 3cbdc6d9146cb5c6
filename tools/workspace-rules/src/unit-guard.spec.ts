import { Client, Pool } from 'pg';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { createTestDatabase, runTypescriptSync, startBundledApp, testRedisUrl } from '@salle/testing';
import { ensureTestInfra } from '@salle/testing/infra';

// The unit preset's setup file (tools/test-runner/jest/unit-guard.cjs) in action: in a `test` target,
// whatever would reach PostgreSQL or Redis, or start a server, fails at once and says where the spec
// belongs. This spec is the one unit spec allowed to import them (see test-placement.spec.ts).
const url = 'postgres://postgres@127.0.0.1:5432/postgres';
const refusal = 'integration spec in a unit target: move it to test/';

describe('a unit target', () => {
  it('refuses a PostgreSQL connection, with a client, a pool or TypeORM', async () => {
    await expect(new Client({ connectionString: url }).connect()).rejects.toThrow(refusal);
    const pool = new Pool({ connectionString: url });
    await expect(pool.query('SELECT 1')).rejects.toThrow(refusal);
    await pool.end();
    await expect(new DataSource({ type: 'postgres', url }).initialize()).rejects.toThrow(refusal);
  });

  it('refuses a Redis connection', () => {
    expect(() => new Redis('redis://127.0.0.1:6379')).toThrow(refusal);
  });

  it('refuses the test helpers that need a server, and keeps the pure ones', async () => {
    expect(() => createTestDatabase('unit')).toThrow(refusal);
    expect(() => testRedisUrl()).toThrow(refusal);
    expect(() => startBundledApp('booking', {})).toThrow(refusal);
    expect(() => ensureTestInfra(process.env)).toThrow(refusal);
    expect(runTypescriptSync('process.stdout.write(String(6 * 7))', { PATH: process.env['PATH'] }).stdout).toBe('42');
  });
});
