// booking's audit log retention (BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS): the shared job (@salle/service) on booking's own
// table and migrations, on a simulated clock (libs/testing `describeAuditRetention`), with the period read by booking's
// own configuration, as the service runs the job.
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@salle/db';
import { pseudonymiseOldAuditEntries } from '@salle/service';
import { createTestDatabase, describeAuditRetention, type TestDatabase } from '@salle/testing';
import { bookingConfig } from '../src/config';
import { bookingDatabase } from '../src/database/index';
import { BOOKING_AUDIT_LOG } from '../src/privacy/retention';

/** booking's configuration in development, with BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS set to `years` when given. */
const settings = (years?: number) =>
  bookingConfig.parse({
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/booking',
    ...(years === undefined ? {} : { BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS: String(years) }),
  });

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

it('keeps who acted for 5 years (Code civil, art. 2224) unless BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS says otherwise', () => {
  expect(settings().BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS).toBe(5);
  expect(settings(7).BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS).toBe(7);
});

describeAuditRetention('booking', {
  table: 'booking.audit_log',
  variable: 'BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS',
  years: settings().BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS,
  db: () => dataSource,
  run: (now, report, years) => pseudonymiseOldAuditEntries(dataSource, BOOKING_AUDIT_LOG, settings(years), report, now),
});
