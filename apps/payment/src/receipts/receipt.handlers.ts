import type { DataSource } from 'typeorm';
import { COUNTER_PAYMENT_METHOD_LABELS } from '@salle/contracts';
import { reply } from '@salle/http';
import { queryOne, queryRows } from '@salle/db';
import type { PaymentHandlers } from '../access/access-policy';
import { maySeeBooking } from '@salle/auth';
import { bookingNotFound, receiptNotAvailable } from '../errors';
import { type PayableBooking, payableBookingTable } from '../database/tables/payable-booking-table';
import { type PaymentRecord, paymentTable } from '../database/tables/payment-table';
import { refundTable, type RefundRecord } from '../database/tables/refund-table';
import { type CounterPaymentRecord, counterPaymentTable } from '../database/tables/counter-payment-table';
import { payfipRefdet } from '../provider/payfip/payfip-fields';
import { formatReceiptNumber, renderReceipt } from './receipt-pdf';

const shortId = (id: string) => id.slice(0, 8);

/** The receipt of a paid booking: for the organisation's members, the collège's managers and the admins. */
export function receiptHandlers(
  dataSource: DataSource,
  issuer: string,
  vatStatement: string,
): Pick<PaymentHandlers, 'receipt'> {
  return {
    receipt: {
      access: 'signedIn',
      handle: async ({ params: { bookingId } }, { access }) => {
        const payable = await queryOne<PayableBooking>(
          dataSource,
          `SELECT ${payableBookingTable.selectList} FROM payment.payable_booking WHERE booking_id = $1`,
          [bookingId],
        );
        if (!payable || !maySeeBooking(access, payable)) throw bookingNotFound();
        // Paid alone, or with its series' period (one receipt for the period's payment).
        const payment = await queryOne<PaymentRecord>(
          dataSource,
          `SELECT ${paymentTable.selectList} FROM payment.payment
            WHERE (booking_id = $1 OR id IN (SELECT payment_id FROM payment.payment_item WHERE booking_id = $1))
              AND status = 'succeeded'`,
          [bookingId],
        );
        if (!payment?.paidAt || !payment.receiptNumber) throw receiptNotAvailable();
        const sessions = payment.seriesId
          ? await queryRows<Pick<PayableBooking, 'startsAt' | 'endsAt'>>(
              dataSource,
              `SELECT ${payableBookingTable.pick('startsAt', 'endsAt')} FROM payment.payable_booking
                WHERE booking_id IN (SELECT booking_id FROM payment.payment_item WHERE payment_id = $1) ORDER BY starts_at`,
              [payment.id],
            )
          : [];
        const refunds = await queryRows<Pick<RefundRecord, 'amountCents' | 'updatedAt'>>(
          dataSource,
          `SELECT ${refundTable.pick('amountCents', 'updatedAt')} FROM payment.refund WHERE payment_id = $1 AND status = 'succeeded' ORDER BY updated_at`,
          [payment.id],
        );
        const counter = await queryOne<CounterPaymentRecord>(
          dataSource,
          `SELECT ${counterPaymentTable.selectList} FROM payment.counter_payment WHERE payment_id = $1`,
          [payment.id],
        );
        const labels = payable.labels;
        const pdf = await renderReceipt({
          receiptNumber: formatReceiptNumber(payment.receiptNumber, payment.paidAt),
          issuer,
          organisationName: labels.organisationName ?? `Organisation ${shortId(payable.organisationId)}`,
          establishmentName: labels.establishmentName ?? `Établissement ${shortId(payable.establishmentId)}`,
          spaceName: labels.spaceName ?? `Espace ${shortId(payable.spaceId)}`,
          startsAt: payable.startsAt,
          endsAt: payable.endsAt,
          bookingId,
          ...(payment.seriesId ? { period: { label: payable.periodLabel ?? 'Série', sessions } } : {}),
          amountCents: payment.amountCents,
          departmentFeeCents: payment.applicationFeeCents,
          paidAt: payment.paidAt,
          paymentReference: payment.paymentReference ?? payment.id,
          refunds: refunds.map((refund) => ({ amountCents: refund.amountCents, at: refund.updatedAt })),
          vatStatement,
          counter: counter
            ? {
                methodLabel: COUNTER_PAYMENT_METHOD_LABELS[counter.method],
                quittance: counter.quittance,
                receivedOn: counter.receivedOn,
              }
            : null,
          payfip:
            payment.provider === 'payfip'
              ? {
                  refdet: payfipRefdet(payment.id),
                  idOp: payment.checkoutId ?? '',
                  numauto: payment.paymentReference ?? '',
                }
              : null,
        });
        return reply(pdf, {
          headers: {
            'content-type': 'application/pdf',
            'content-disposition': `attachment; filename="recu-${formatReceiptNumber(payment.receiptNumber, payment.paidAt)}.pdf"`,
            'cache-control': 'private, no-store',
          },
        });
      },
    },
  };
}
