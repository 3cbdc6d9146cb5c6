import { paidChargeEntries } from './ledger-entries';
import { checkBookingLedger } from './ledger-invariants';

const context = { bookingId: 'b1', paymentId: 'p1', establishmentId: 'e1' };
const paidAt = new Date('2026-12-06T10:00:00Z');

describe('a payment received straight by the collège’s accountant (PayFiP)', () => {
  const entries = paidChargeEntries(context, {
    chargeId: 'cc0cb210-1cd4-11ea-8cca-0213ad91a103',
    paidAt,
    grossCents: 4_500,
    processingFeeCents: 0,
    applicationFee: null,
    transfer: null,
    receivedDirectly: { creditorId: '123456' },
  });

  it('is one charge on the collège’s side, none on the platform’s', () => {
    expect(entries).toEqual([
      {
        ...context,
        party: 'establishment',
        accountId: '123456',
        entryType: 'charge',
        amountCents: 4_500,
        providerObjectId: 'cc0cb210-1cd4-11ea-8cca-0213ad91a103',
        occurredAt: paidAt,
      },
    ]);
  });

  it('balances, the whole amount being the collège’s share', () => {
    const summary = checkBookingLedger(entries);
    expect(summary.issues).toEqual([]);
    expect(summary).toMatchObject({ grossCents: 4_500, establishmentShareCents: 4_500, departmentShareCents: 0 });
  });
});
