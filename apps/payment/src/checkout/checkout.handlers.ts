import type { DataSource } from 'typeorm';
import type { BookingPaymentView, CheckoutResponse } from '@salle/contracts';
import { reply } from '@salle/http';
import { queryOne, queryRows } from '@salle/db';
import type { PaymentHandlers } from '../access/access-policy';
import { maySeeBooking } from '@salle/auth';
import { type PayableBooking, payableBookingTable } from '../database/tables/payable-booking-table';
import { type PaymentRecord, paymentTable } from '../database/tables/payment-table';
import { type RefundRecord, refundTable } from '../database/tables/refund-table';
import { bookingNotFound, checkoutNotOpen } from '../errors';
import type { CheckoutDesk } from './checkout-desk';
import { type CounterPaymentRecord, counterPaymentTable } from '../database/tables/counter-payment-table';
import { counterDetails } from '../counter/counter-details';

/** Pay a booking (`openCheckout`) and see its payments (`bookingPayment`). */
export function checkoutHandlers(
  dataSource: DataSource,
  desk: CheckoutDesk,
): Pick<PaymentHandlers, 'openCheckout' | 'bookingPayment'> {
  return {
    openCheckout: {
      access: 'signedIn',
      handle: async ({ params: { bookingId }, body: input }, { access }) => {
        const { payment, created } = await desk.open(bookingId, access, input?.payerEmail);
        if (payment.status !== 'open' || !payment.checkoutUrl || !payment.bookingId) {
          throw checkoutNotOpen();
        }
        const body: CheckoutResponse = {
          paymentId: payment.id,
          bookingId: payment.bookingId,
          checkoutUrl: payment.checkoutUrl,
          expiresAt: payment.expiresAt.toISOString(),
          amountCents: payment.amountCents,
        };
        return reply(body, { status: created ? 201 : 200 });
      },
    },
    bookingPayment: {
      access: 'signedIn',
      handle: async ({ params: { bookingId } }, { access }) => {
        const payable = await queryOne<PayableBooking>(
          dataSource,
          `SELECT ${payableBookingTable.selectList} FROM payment.payable_booking WHERE booking_id = $1`,
          [bookingId],
        );
        if (!payable || !maySeeBooking(access, payable)) throw bookingNotFound();
        const payments = await queryRows<PaymentRecord>(
          dataSource,
          `SELECT ${paymentTable.selectList} FROM payment.payment
            WHERE booking_id = $1 OR id IN (SELECT payment_id FROM payment.payment_item WHERE booking_id = $1)
            ORDER BY created_at, attempt`,
          [bookingId],
        );
        // A period's payment shows this session's refunds, and those of the whole payment (a late payment).
        const refunds = await queryRows<RefundRecord>(
          dataSource,
          `SELECT ${refundTable.selectList} FROM payment.refund
            WHERE booking_id = $1 OR (booking_id IS NULL AND payment_id = ANY($2::uuid[])) ORDER BY requested_at`,
          [bookingId, payments.map((payment) => payment.id)],
        );
        const counter = await queryRows<CounterPaymentRecord>(
          dataSource,
          `SELECT ${counterPaymentTable.selectList} FROM payment.counter_payment WHERE payment_id = ANY($1::uuid[])`,
          [payments.map((payment) => payment.id)],
        );
        const body: BookingPaymentView = {
          bookingId,
          priceCents: payable.priceCents,
          payableStatus: payable.status,
          payments: payments.map((payment) => {
            const own = refunds.filter((refund) => refund.paymentId === payment.id);
            return {
              id: payment.id,
              status: payment.status,
              amountCents: payment.amountCents,
              applicationFeeCents: payment.applicationFeeCents,
              refundedCents: own
                .filter((refund) => refund.status === 'succeeded')
                .reduce((sum, refund) => sum + refund.amountCents, 0),
              expiresAt: payment.expiresAt.toISOString(),
              paidAt: payment.paidAt ? payment.paidAt.toISOString() : null,
              receiptAvailable: payment.status === 'succeeded',
              counter: counterDetails(counter.find((row) => row.paymentId === payment.id)),
              refunds: own.map((refund) => ({
                id: refund.id,
                status: refund.status,
                amountCents: refund.amountCents,
                percent: refund.percent,
                cause: refund.cause,
              })),
            };
          }),
        };
        return body;
      },
    },
  };
}
