import { createDataSource, migrate } from '@salle/db';
import { createTestDatabase, type TestDatabase } from '@salle/testing';
import type { DataSource } from 'typeorm';
import { AccountStore, gatewayMigrations } from './index';

describe('accounts', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let accounts: AccountStore;

  beforeAll(async () => {
    database = await createTestDatabase('gateway_accounts');
    dataSource = createDataSource({ url: database.url, schema: 'gateway', migrations: gatewayMigrations });
    await dataSource.initialize();
    await migrate(dataSource);
    accounts = new AccountStore(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('maps (provider, sub) to one account and refreshes its claims', async () => {
    const id = await accounts.upsert('franceconnect', 'a'.repeat(64) + 'v1', { family_name: 'DUBOIS' });
    expect(await accounts.upsert('franceconnect', 'a'.repeat(64) + 'v1', { family_name: 'MARTIN' })).toBe(id);
    const [row] = await dataSource.query(`SELECT claims FROM gateway.account WHERE id = $1`, [id]);
    expect(row.claims).toEqual({ family_name: 'MARTIN' });
  });

  it('never links two subjects through a shared e-mail, nor the same sub across federations', async () => {
    const email = { email: 'same@example.org' };
    const first = await accounts.upsert('franceconnect', 'b'.repeat(64) + 'v1', email);
    const second = await accounts.upsert('franceconnect', 'c'.repeat(64) + 'v1', email);
    const agent = await accounts.upsert('proconnect', 'b'.repeat(64) + 'v1', email);
    expect(new Set([first, second, agent]).size).toBe(3);
  });
});
