// payment's audit log retention (PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS): the shared job (@salle/service) on payment's own
// table and migrations, on a simulated clock (libs/testing `describeAuditRetention`).
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@salle/db';
import { pseudonymiseOldAuditEntries } from '@salle/service';
import { createTestDatabase, describeAuditRetention, type TestDatabase } from '@salle/testing';
import { paymentDatabase } from '../src/database/index';
import { PAYMENT_AUDIT_LOG } from '../src/privacy/retention';

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

describeAuditRetention('payment', {
  table: 'payment.audit_log',
  variable: 'PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS',
  years: 5,
  db: () => dataSource,
  run: (now, report, years) =>
    pseudonymiseOldAuditEntries(
      dataSource,
      PAYMENT_AUDIT_LOG,
      { PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS: years },
      report,
      now,
    ),
});
