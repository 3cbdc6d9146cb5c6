// booking's audit log retention (BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS): the shared job (@salle/service) on booking's own
// table and migrations, on a simulated clock (libs/testing `describeAuditRetention`).
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@salle/db';
import { pseudonymiseOldAuditEntries } from '@salle/service';
import { createTestDatabase, describeAuditRetention, type TestDatabase } from '@salle/testing';
import { bookingDatabase } from '../src/database/index';
import { BOOKING_AUDIT_LOG } from '../src/privacy/retention';

let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase('booking_audit_retention');
  dataSource = createDataSource({ ...bookingDatabase, url: database.url });
  await dataSource.initialize();
  await migrate(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

describeAuditRetention('booking', {
  table: 'booking.audit_log',
  variable: 'BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS',
  years: 5,
  db: () => dataSource,
  run: (now, report, years) =>
    pseudonymiseOldAuditEntries(
      dataSource,
      BOOKING_AUDIT_LOG,
      { BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS: years },
      report,
      now,
    ),
});
