// payment's audit log retention (PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS): the shared job (@salle/service) on payment's own
// table and migrations, on a simulated clock (libs/testing `describeAuditRetention`).
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@salle/db';
import { pseudonymiseOldAuditEntries } from '@salle/service';
import {
  auditEntriesNamed,
  createTestDatabase,
  describeAuditRetention,
  seedAuditEntries,
  type TestDatabase,
} from '@salle/testing';
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
  years: 5,
  db: () => dataSource,
  run: (now, report) =>
    pseudonymiseOldAuditEntries(
      dataSource,
      PAYMENT_AUDIT_LOG,
      { PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS: 5 },
      report,
      now,
    ),
});

// The shared scenario runs with the default period; this one, with another value of payment's own variable, proves the
// job reads the period it is given rather than the register's default.
it('pseudonymises after the period PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS sets (2 years here), not the default', async () => {
  const now = new Date('2045-03-10T09:00:00Z');
  const [threeYears] = await seedAuditEntries(
    dataSource,
    'payment.audit_log',
    new Date('2042-03-09T09:00:00Z'),
    1,
    'space',
  );
  const [oneYear] = await seedAuditEntries(
    dataSource,
    'payment.audit_log',
    new Date('2044-03-09T09:00:00Z'),
    1,
    'space',
  );
  if (!threeYears || !oneYear) throw new Error('seeding failed');
  await pseudonymiseOldAuditEntries(
    dataSource,
    PAYMENT_AUDIT_LOG,
    { PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS: 2 },
    () => undefined,
    now,
  );
  expect(await auditEntriesNamed(dataSource, 'payment.audit_log', [threeYears.id, oneYear.id])).toEqual([
    { ...threeYears, actor: null },
    oneYear,
  ]);
});
