// gateway's audit log retention (GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS): the shared job (@salle/service) on gateway's own
// table and migrations, on a simulated clock (libs/testing `describeAuditRetention`), with the period read by gateway's
// own configuration, as the service runs the job.
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@salle/db';
import { pseudonymiseOldAuditEntries } from '@salle/service';
import { createTestDatabase, describeAuditRetention, type TestDatabase } from '@salle/testing';
import { gatewayConfig } from '../src/config';
import { gatewayMigrations } from '../src/database/index';
import { GATEWAY_AUDIT_LOG } from '../src/privacy/audit-retention';

/** gateway's configuration in development, with GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS set to `years` when given. */
const settings = (years?: number) =>
  gatewayConfig.parse({
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/gateway',
    ...(years === undefined ? {} : { GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS: String(years) }),
  });

let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase('gateway_audit_retention');
  dataSource = createDataSource({ schema: 'gateway', migrations: gatewayMigrations, url: database.url });
  await dataSource.initialize();
  await migrate(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

it('keeps who acted for 5 years (Code civil, art. 2224) unless GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS says otherwise', () => {
  expect(settings().GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS).toBe(5);
  expect(settings(7).GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS).toBe(7);
});

describeAuditRetention('gateway', {
  table: 'gateway.audit_log',
  variable: 'GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS',
  years: settings().GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS,
  db: () => dataSource,
  run: (now, report, years) => pseudonymiseOldAuditEntries(dataSource, GATEWAY_AUDIT_LOG, settings(years), report, now),
});
