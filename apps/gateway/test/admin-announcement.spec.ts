import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@salle/db';
import { createTestDatabase, type TestDatabase } from '@salle/testing';
import { announceDepartmentAdmins } from '../src/accounts';
import { gatewayMigrations } from '../src/database';

describe('department.admins_changed: the admins’ addresses, announced at start when they change', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('gateway_admins');
    dataSource = createDataSource({ url: database.url, schema: 'gateway', migrations: gatewayMigrations });
    await dataSource.initialize();
    await migrate(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const announced = async () =>
    (
      (await dataSource.query(
        `SELECT payload FROM gateway.event_outbox WHERE type = 'department.admins_changed' ORDER BY position`,
      )) as { payload: { emails: string[] } }[]
    ).map((row) => row.payload.emails);

  it('announces the list once, sorted and in lower case, again only when it changes', async () => {
    expect(await announceDepartmentAdmins(dataSource, ['Nathalie.Roux@isere.fr', 'alain.petit@isere.fr'])).toBe(true);
    // Another replica, or a restart, with the same configuration.
    const again = await Promise.all([
      announceDepartmentAdmins(dataSource, ['alain.petit@isere.fr', 'nathalie.roux@isere.fr']),
      announceDepartmentAdmins(dataSource, ['nathalie.roux@isere.fr', 'alain.petit@isere.fr']),
    ]);
    expect(again).toEqual([false, false]);
    expect(await announceDepartmentAdmins(dataSource, ['nathalie.roux@isere.fr'])).toBe(true);
    expect(await announced()).toEqual([['alain.petit@isere.fr', 'nathalie.roux@isere.fr'], ['nathalie.roux@isere.fr']]);
  });
});
