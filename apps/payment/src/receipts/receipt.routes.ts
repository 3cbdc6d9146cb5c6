import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { bookingPathSchema } from '@salle/contracts';
import { AppError, parseRequest } from '@salle/http';
import { maySeeBooking, requireAccess } from '../access/caller-access';
import { bookingNotFound } from '../checkout/checkout.routes';
import { firstRow, PAYABLE_COLUMNS, PAYMENT_COLUMNS, rows, type PayableBooking, type PaymentRecord } from '../payments/payment-records';
import { formatReceiptNumber, renderReceipt } from './receipt-pdf';


const shortId = (id: string) => id.slice(0, 8);

/** `GET /bookings/:bookingId/receipt.pdf`: for the organisation's members, the collège's managers and the admins. */
export function receiptRoutes(dataSource: DataSource, issuer: string): Router {
  const router = Router();

  router.get('/bookings/:bookingId/receipt.pdf', async (req, res) => {
    const access = requireAccess(res);
    const { bookingId } = parseRequest(bookingPathSchema, req.params, 'params');
    const payable = await firstRow<PayableBooking>(dataSource, `SELECT ${PAYABLE_COLUMNS} FROM payment.payable_booking WHERE booking_id = $1`, [bookingId]);
    if (!payable || !maySeeBooking(access, payable)) throw bookingNotFound();
    const payment = await firstRow<PaymentRecord>(
      dataSource,
      `SELECT ${PAYMENT_COLUMNS} FROM payment.payment WHERE booking_id = $1 AND status = 'succeeded'`,
      [bookingId],
    );
    if (!payment?.paidAt || !payment.receiptNumber) throw new AppError(404, 'receipt_not_available', "Aucun paiement accepté pour cette réservation : pas de reçu.");
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
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `attachment; filename="recu-${formatReceiptNumber(payment.receiptNumber, payment.paidAt)}.pdf"`);
    res.setHeader('cache-control', 'private, no-store');
    res.send(pdf);
  });

  return router;
}
