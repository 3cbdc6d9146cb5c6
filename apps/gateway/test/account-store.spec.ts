import { createDataSource, migrate } from '@salle/db';
import { createTestDatabase, type TestDatabase } from '@salle/testing';
import type { DataSource } from 'typeorm';
import { gatewayMigrations } from '../src/database';
import { AccountStore } from '../src/accounts/index';

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

  it('announces an account’s e-mail in the login’s transaction when it is new or changed, and never an invalid one', async () => {
    const subject = 'd'.repeat(64) + 'v1';
    const announced = async (accountId: string) =>
      (await dataSource.query(
        `SELECT payload FROM gateway.event_outbox WHERE type = 'account.contact_changed' AND aggregate_id = $1 ORDER BY position`,
        [accountId],
      )) as {
        payload: unknown;
      }[];
    const id = await accounts.upsert(
      'franceconnect',
      subject,
      { email: 'Angela.Dubois@example.fr' },
      { email: 'Angela.Dubois@example.fr', displayName: 'Angela Dubois' },
    );
    await accounts.upsert(
      'franceconnect',
      subject,
      { email: 'Angela.Dubois@example.fr' },
      { email: 'Angela.Dubois@example.fr', displayName: 'Angela Dubois' },
    );
    expect((await announced(id)).map((row) => row.payload)).toEqual([
      { accountId: id, email: 'angela.dubois@example.fr', displayName: 'Angela Dubois' },
    ]);
    await accounts.upsert(
      'franceconnect',
      subject,
      { email: 'angela@example.org' },
      { email: 'angela@example.org', displayName: 'Angela Dubois' },
    );
    expect((await announced(id)).map((row) => (row.payload as { email: string }).email)).toEqual([
      'angela.dubois@example.fr',
      'angela@example.org',
    ]);

    // A federation's odd e-mail still logs the person in; it is simply not announced.
    const odd = await accounts.upsert(
      'franceconnect',
      'e'.repeat(64) + 'v1',
      { email: 'pas-une-adresse' },
      { email: 'pas-une-adresse', displayName: 'Jeanne Martin' },
    );
    expect(await announced(odd)).toEqual([]);
    const silent = await accounts.upsert('proconnect', 'f'.repeat(64) + 'v1', {});
    expect(await announced(silent)).toEqual([]);
  });
});
