import { eventTablesMigrations } from '@salle/events';
import { CreatePaymentTables1764100000000 } from './migrations/1764100000000-create-payment-tables';
import { PayoutAccountSweep1796547892122 } from './migrations/1796547892122-payout-account-sweep';
import { PayfipNotifications1797400000000 } from './migrations/1797400000000-payfip-notifications';
import { AccountantRefunds1797400100000 } from './migrations/1797400100000-accountant-refunds';
import { Invoices1797450100000 } from './migrations/1797450100000-invoices';
import { InvoiceSellerUai1798300000000 } from './migrations/1798300000000-invoice-seller-uai';
import { PeriodPayments1799300000000 } from './migrations/1799300000000-period-payments';
import { AuditLog1799700100000 } from './migrations/1799700100000-audit-log';
import { PayerContacts1799700400000 } from './migrations/1799700400000-payer-contacts';
import { PeriodInvoices1800100000000 } from './migrations/1800100000000-period-invoices';
import { CounterPayments1800310000000 } from './migrations/1800310000000-counter-payments';

/** The payment service's schema and its migrations, in order. */
export const paymentDatabase = {
  schema: 'payment',
  migrations: [
    ...eventTablesMigrations('payment'),
    CreatePaymentTables1764100000000,
    PayoutAccountSweep1796547892122,
    PayfipNotifications1797400000000,
    AccountantRefunds1797400100000,
    Invoices1797450100000,
    InvoiceSellerUai1798300000000,
    PeriodPayments1799300000000,
    AuditLog1799700100000,
    PayerContacts1799700400000,
    PeriodInvoices1800100000000,
    CounterPayments1800310000000,
  ],
};
