import { IDENTITY_PROVIDERS } from '@salle/contracts';
import { createDataSource, migrate } from '@salle/db';
import {
  createTestDatabase,
  readValueListChecks,
  sortedValueLists,
  type TestDatabase,
  type ValueListChecks,
} from '@salle/testing';
import { gatewayMigrations } from '../src/database';

describe('gateway schema CHECK constraints', () => {
  let database: TestDatabase;
  let checks: ValueListChecks;

  beforeAll(async () => {
    database = await createTestDatabase('gateway_checks');
    const dataSource = createDataSource({ url: database.url, schema: 'gateway', migrations: gatewayMigrations });
    await dataSource.initialize();
    try {
      await migrate(dataSource);
      checks = await readValueListChecks(dataSource, 'gateway');
    } finally {
      await dataSource.destroy();
    }
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('allow exactly the values of the enums in @salle/contracts', () => {
    expect(checks.lists).toEqual(sortedValueLists({ 'account.provider': IDENTITY_PROVIDERS }));
    expect(checks.others).toEqual({});
  });
});
