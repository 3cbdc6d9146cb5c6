// payment's audit log retention (PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS): the shared job (@salle/service) on payment's own
// table and migrations, on a simulated clock (libs/testing `describeAuditRetention`), with the period read by payment's
// own configuration, as the service runs the job.
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@salle/db';
import { pseudonymiseOldAuditEntries } from '@salle/service';
import { createTestDatabase, describeAuditRetention, type TestDatabase } from '@salle/testing';
import { paymentConfig } from '../src/config';
import { paymentDatabase } from '../src/database/index';
import { PAYMENT_AUDIT_LOG } from '../src/privacy/retention';

/** payment's configuration in development, with PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS set to `years` when given. */
const settings = (years?: number) =>
  paymentConfig.parse({
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/payment',
    ...(years === undefined ? {} : { PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS: String(years) }),
  });

let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase('payment_audit_retention');
  dataSource = createDataSource({ ...paymentDatabase, url: database.url });
  await dataSource.initialize();
  await migrate(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

it('keeps who acted for 5 years (Code civil, art. 2224) unless PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS says otherwise', () => {
  expect(settings().PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS).toBe(5);
  expect(settings(7).PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS).toBe(7);
});

describeAuditRetention('payment', {
  table: 'payment.audit_log',
  variable: 'PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS',
  years: settings().PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS,
  db: () => dataSource,
  run: (now, report, years) => pseudonymiseOldAuditEntries(dataSource, PAYMENT_AUDIT_LOG, settings(years), report, now),
});
