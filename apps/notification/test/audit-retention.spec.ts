// notification's audit log retention (NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS): the shared job (@salle/service) on notification's own
// table and migrations, on a simulated clock (libs/testing `describeAuditRetention`).
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@salle/db';
import { pseudonymiseOldAuditEntries } from '@salle/service';
import { createTestDatabase, describeAuditRetention, type TestDatabase } from '@salle/testing';
import { notificationDatabase } from '../src/database/index';
import { NOTIFICATION_AUDIT_LOG } from '../src/privacy/retention';

let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase('notification_audit_retention');
  dataSource = createDataSource({ ...notificationDatabase, url: database.url });
  await dataSource.initialize();
  await migrate(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

describeAuditRetention('notification', {
  table: 'notification.audit_log',
  variable: 'NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS',
  years: 5,
  db: () => dataSource,
  run: (now, report, years) =>
    pseudonymiseOldAuditEntries(
      dataSource,
      NOTIFICATION_AUDIT_LOG,
      { NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS: years },
      report,
      now,
    ),
});
