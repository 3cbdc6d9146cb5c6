import type { MigrationInterface } from 'typeorm';
import { paymentDatabase } from './index';

// A database records each applied migration under its `name`, not its file: these are the names deployed
// databases hold. Moving or renaming a file must leave them as they are, or the migration would run again.
it('keeps the names deployed databases recorded, in order', () => {
  const names = paymentDatabase.migrations.map((Migration) => (new Migration() as MigrationInterface).name);
  expect(names).toEqual([
    'CreateEventTables1763900000000',
    'AddOutboxTraceparent1796700000000',
    'CreatePaymentTables1764100000000',
    'PayoutAccountSweep1796547892122',
    'PayfipNotifications1797400000000',
    'AccountantRefunds1797400100000',
    'Invoices1797450100000',
    'InvoiceSellerUai1798300000000',
    'PeriodPayments1799300000000',
    'AuditLog1799700100000',
    'PayerContacts1799700400000',
    'PeriodInvoices1800100000000',
    'CounterPayments1800310000000',
  ]);
});
