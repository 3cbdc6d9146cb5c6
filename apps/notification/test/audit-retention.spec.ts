// notification's audit log retention (NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS): the shared job (@salle/service) on notification's own
// table and migrations, on a simulated clock (libs/testing `describeAuditRetention`), with the period read by notification's
// own configuration, as the service runs the job.
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@salle/db';
import { pseudonymiseOldAuditEntries } from '@salle/service';
import { createTestDatabase, describeAuditRetention, type TestDatabase } from '@salle/testing';
import { notificationConfig } from '../src/config';
import { notificationDatabase } from '../src/database/index';
import { NOTIFICATION_AUDIT_LOG } from '../src/privacy/retention';

/** notification's configuration in development, with NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS set to `years` when given. */
const settings = (years?: number) =>
  notificationConfig.parse({
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/notification',
    ...(years === undefined ? {} : { NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS: String(years) }),
  });

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

it('keeps who acted for 5 years (Code civil, art. 2224) unless NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS says otherwise', () => {
  expect(settings().NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS).toBe(5);
  expect(settings(7).NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS).toBe(7);
});

describeAuditRetention('notification', {
  table: 'notification.audit_log',
  variable: 'NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS',
  years: settings().NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS,
  db: () => dataSource,
  run: (now, report, years) =>
    pseudonymiseOldAuditEntries(dataSource, NOTIFICATION_AUDIT_LOG, settings(years), report, now),
});
