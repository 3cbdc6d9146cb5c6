import type { DataSource } from 'typeorm';
import { AppError, reply } from '@salle/http';
import type { PaymentHandlers } from '../access/access-policy';
import { maySeeBooking } from '../access/caller-access';
import { bookingNotFound } from '../checkout/checkout.handlers';
import {
  firstRow,
  PAYABLE_COLUMNS,
  PAYMENT_COLUMNS,
  rows,
  type PayableBooking,
  type PaymentRecord,
} from '../payments/payment-records';
import { formatReceiptNumber, renderReceipt } from './receipt-pdf';

const shortId = (id: string) => id.slice(0, 8);

/** The receipt of a paid booking: for the organisation's members, the collège's managers and the admins. */
export function receiptHandlers(dataSource: DataSource, issuer: string): Pick<PaymentHandlers, 'receipt'> {
  return {
    receipt: {
      access: 'signedIn',
      handle: async ({ params: { bookingId } }, { access }) => {
        const payable = await firstRow<PayableBooking>(
          dataSource,
          `SELECT ${PAYABLE_COLUMNS} FROM payment.payable_booking WHERE booking_id = $1`,
          [bookingId],
        );
        if (!payable || !maySeeBooking(access, payable)) throw bookingNotFound();
        const payment = await firstRow<PaymentRecord>(
          dataSource,
          `SELECT ${PAYMENT_COLUMNS} FROM payment.payment WHERE booking_id = $1 AND status = 'succeeded'`,
          [bookingId],
        );
        if (!payment?.paidAt || !payment.receiptNumber)
          throw new AppError(
            404,
            'receipt_not_available',
            'Aucun paiement accepté pour cette réservation\u00a0: pas de reçu.',
          );
        const refunds = await rows<{ amountCents: number; at: Date }>(
          dataSource,
          `SELECT amount_cents AS "amountCents", updated_at AS at FROM payment.refund WHERE payment_id = $1 AND status = 'succeeded' ORDER BY updated_at`,
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
          amountCents: payment.amountCents,
          departmentFeeCents: payment.applicationFeeCents,
          paidAt: payment.paidAt,
          paymentReference: payment.paymentReference ?? payment.id,
          refunds,
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
