import {
  COUNTER_PAYMENT_METHODS,
  INVOICE_STATUSES,
  PAYABLE_STATUSES,
  PAYMENT_FLAG_KINDS,
  PAYER_CONTACT_ROLES,
  PAYMENT_STATUSES,
  PAYOUT_ACCOUNT_STATES,
  REFUND_CAUSES,
  REFUND_STATUSES,
} from '@salle/contracts';
import { createDataSource, migrate } from '@salle/db';
import {
  createTestDatabase,
  readValueListChecks,
  sortedValueLists,
  type TestDatabase,
  type ValueListChecks,
} from '@salle/testing';
import { LEDGER_ENTRY_TYPES, LEDGER_PARTIES } from '../src/ledger/ledger-entries';
import { paymentDatabase } from '../src/database/index';
import { PAYFIP_NOTIFICATION_OUTCOMES } from '../src/settlement/payfip-wake-up';
import { INVOICE_DOCUMENT_KINDS } from '../src/invoices/invoice-numbers';

describe('payment schema CHECK constraints', () => {
  let database: TestDatabase;
  let checks: ValueListChecks;

  beforeAll(async () => {
    database = await createTestDatabase('payment_checks');
    const dataSource = createDataSource({ ...paymentDatabase, url: database.url });
    await dataSource.initialize();
    try {
      await migrate(dataSource);
      checks = await readValueListChecks(dataSource, 'payment');
    } finally {
      await dataSource.destroy();
    }
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('allow exactly the values of the enums in @salle/contracts and of the ledger', () => {
    expect(checks.lists).toEqual(
      sortedValueLists({
        'payable_booking.status': PAYABLE_STATUSES,
        'payout_account.status': PAYOUT_ACCOUNT_STATES,
        'payment.status': PAYMENT_STATUSES,
        'refund.cause': REFUND_CAUSES,
        'refund.status': REFUND_STATUSES,
        'ledger_entry.party': LEDGER_PARTIES,
        'ledger_entry.entry_type': LEDGER_ENTRY_TYPES,
        'payment_flag.kind': PAYMENT_FLAG_KINDS,
        'payment_flag_contact.contacted_by_role': PAYER_CONTACT_ROLES,
        'payfip_notification.outcome': PAYFIP_NOTIFICATION_OUTCOMES,
        'invoice.status': INVOICE_STATUSES,
        'invoice_counter.kind': INVOICE_DOCUMENT_KINDS,
        'counter_payment.method': COUNTER_PAYMENT_METHODS,
      }),
    );
  });

  it('leave only the sign rule of ledger entries uncompared, and it names known entry types only', () => {
    expect(Object.keys(checks.others)).toEqual(['ledger_entry.ledger_entry_check']);
    const unknown = (checks.others['ledger_entry.ledger_entry_check'] ?? []).filter(
      (value) => !(LEDGER_ENTRY_TYPES as readonly string[]).includes(value),
    );
    expect(unknown).toEqual([]);
  });
});
