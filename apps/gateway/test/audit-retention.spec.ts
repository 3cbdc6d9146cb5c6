// gateway's audit log retention (GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS): the shared job (@salle/service) on gateway's own
// table and migrations, on a simulated clock (libs/testing `describeAuditRetention`).
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@salle/db';
import { pseudonymiseOldAuditEntries } from '@salle/service';
import { createTestDatabase, describeAuditRetention, type TestDatabase } from '@salle/testing';
import { gatewayMigrations } from '../src/database/index';
import { GATEWAY_AUDIT_LOG } from '../src/privacy/audit-retention';

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

describeAuditRetention('gateway', {
  table: 'gateway.audit_log',
  variable: 'GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS',
  years: 5,
  db: () => dataSource,
  run: (now, report, years) =>
    pseudonymiseOldAuditEntries(
      dataSource,
      GATEWAY_AUDIT_LOG,
      { GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS: years },
      report,
      now,
    ),
});
