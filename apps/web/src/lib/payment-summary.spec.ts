import type { BookingPaymentView } from '@salle/contracts';
import { refundStatements, refundUnderWay, summarisePayment } from './payment-summary';

type Payment = BookingPaymentView['payments'][number];
type Refund = Payment['refunds'][number];

const bookingId = '3f0f4c7e-5d1a-4f7e-9a51-0c6d2f0b8a11';
let ids = 0;
const id = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

function refund(status: Refund['status'], amountCents: number, cause: Refund['cause'] = 'cancellation'): Refund {
  return { id: id(), status, amountCents, percent: 100, cause };
}

function payment(status: Payment['status'], refunds: Refund[] = [], amountCents = 3200): Payment {
  const charged = status === 'succeeded' || status === 'rejected';
  return {
    id: id(),
    status,
    amountCents,
    applicationFeeCents: 0,
    refundedCents: refunds
      .filter((item) => item.status === 'succeeded')
      .reduce((sum, item) => sum + item.amountCents, 0),
    expiresAt: '2026-12-01T12:30:00.000Z',
    paidAt: charged ? '2026-12-01T12:10:00.000Z' : null,
    receiptAvailable: status === 'succeeded',
    refunds,
  };
}

const view = (payableStatus: BookingPaymentView['payableStatus'], payments: Payment[]): BookingPaymentView => ({
  bookingId,
  priceCents: 3200,
  payableStatus,
  payments,
});
// Intl writes French amounts with narrow no-break spaces; the sentences put a no-break space before the colon.
const plain = (texts: string[]) => texts.map((text) => text.replace(/[\u00a0\u202f]/g, ' '));

describe('payment summary', () => {
  it('says what was refunded in euros for a booking refunded in full, and keeps its receipt', () => {
    const summary = summarisePayment(view('cancelled', [payment('succeeded', [refund('succeeded', 3200)])]));
    expect(summary).toMatchObject({ receiptAvailable: true, paidCents: 3200, refundedCents: 3200, refundingCents: 0 });
    expect(plain(refundStatements(summary))).toEqual(['Montant remboursé : 32,00 € sur 32,00 € payés.']);
    expect(refundStatements(summary)[0]).toContain('Montant remboursé\u00a0:');
  });

  it('offers no receipt and says nothing of refunds where nothing was paid', () => {
    for (const unpaid of [
      null,
      view('cancelled', []),
      view('expired', [payment('expired'), payment('abandoned')]),
      view('payable', [payment('open')]),
    ]) {
      const summary = summarisePayment(unpaid);
      expect(summary.receiptAvailable).toBe(false);
      expect(refundStatements(summary)).toEqual([]);
    }
  });

  it('counts a late payment given back in full, which has no receipt', () => {
    const summary = summarisePayment(
      view('expired', [payment('expired'), payment('rejected', [refund('succeeded', 3200, 'late_payment')])]),
    );
    expect(summary.receiptAvailable).toBe(false);
    expect(plain(refundStatements(summary))).toEqual(['Montant remboursé : 32,00 € sur 32,00 € payés.']);
  });

  it('tells a refund owed from one carried out, and one that failed', () => {
    const partial = summarisePayment(
      view('cancelled', [payment('succeeded', [refund('succeeded', 1600), refund('pending', 800)], 3200)]),
    );
    expect(plain(refundStatements(partial))).toEqual([
      'Montant remboursé : 16,00 € sur 32,00 € payés.',
      'Remboursement en cours : 8,00 €.',
    ]);
    const failed = summarisePayment(view('cancelled', [payment('succeeded', [refund('failed', 123456)], 123456)]));
    expect(plain(refundStatements(failed))).toEqual([
      'Montant remboursé : 0,00 € sur 1 234,56 € payés.',
      'Un remboursement de 1 234,56 € n’a pas abouti : le département en est averti et le traite.',
    ]);
  });

  it('says nothing of refunds for a paid booking still on', () => {
    const summary = summarisePayment(view('paid', [payment('succeeded')]));
    expect(summary.receiptAvailable).toBe(true);
    expect(refundStatements(summary)).toEqual([]);
  });

  it('waits for a refund until payment has heard of the cancellation and carried it out', () => {
    expect(refundUnderWay(summarisePayment(view('paid', [payment('succeeded')])))).toBe(true);
    expect(
      refundUnderWay(summarisePayment(view('cancelled', [payment('succeeded', [refund('requested', 3200)])]))),
    ).toBe(true);
    expect(
      refundUnderWay(summarisePayment(view('cancelled', [payment('succeeded', [refund('succeeded', 3200)])]))),
    ).toBe(false);
    // A late cancellation keeps everything: nothing to wait for.
    expect(refundUnderWay(summarisePayment(view('cancelled', [payment('succeeded')])))).toBe(false);
    expect(refundUnderWay(summarisePayment(view('cancelled', [payment('expired')])))).toBe(false);
    expect(refundUnderWay(null)).toBe(false);
  });
});
