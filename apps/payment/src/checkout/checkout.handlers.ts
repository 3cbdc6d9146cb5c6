import type { DataSource } from 'typeorm';
import type { BookingPaymentView, CheckoutResponse } from '@salle/contracts';
import { AppError, conflict, reply } from '@salle/http';
import type { PaymentHandlers } from '../access/access-policy';
import { maySeeBooking } from '../access/caller-access';
import {
  firstRow,
  PAYABLE_COLUMNS,
  PAYMENT_COLUMNS,
  REFUND_COLUMNS,
  rows,
  type PayableBooking,
  type PaymentRecord,
  type RefundRecord,
} from '../payments/payment-records';
import type { CheckoutDesk } from './checkout-desk';

export const bookingNotFound = () => new AppError(404, 'booking_not_found', 'Réservation introuvable.');

/** Pay a booking (`openCheckout`) and see its payments (`bookingPayment`). */
export function checkoutHandlers(
  dataSource: DataSource,
  desk: CheckoutDesk,
): Pick<PaymentHandlers, 'openCheckout' | 'bookingPayment'> {
  return {
    openCheckout: {
      access: 'signedIn',
      handle: async ({ params: { bookingId } }, { access }) => {
        const { payment, created } = await desk.open(bookingId, access);
        if (payment.status !== 'open' || !payment.checkoutUrl || !payment.bookingId) {
          throw conflict('checkout_not_open', 'La session de paiement n’a pas pu être ouverte. Réessayez.');
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
        const payable = await firstRow<PayableBooking>(
          dataSource,
          `SELECT ${PAYABLE_COLUMNS} FROM payment.payable_booking WHERE booking_id = $1`,
          [bookingId],
        );
        if (!payable || !maySeeBooking(access, payable)) throw bookingNotFound();
        const payments = await rows<PaymentRecord>(
          dataSource,
          `SELECT ${PAYMENT_COLUMNS} FROM payment.payment WHERE booking_id = $1 ORDER BY attempt`,
          [bookingId],
        );
        const refunds = await rows<RefundRecord>(
          dataSource,
          `SELECT ${REFUND_COLUMNS} FROM payment.refund WHERE booking_id = $1 ORDER BY requested_at`,
          [bookingId],
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
