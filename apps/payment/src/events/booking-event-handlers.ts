import type { EntityManager } from 'typeorm';
import type { EventHandlers } from '@salle/events';
import { sqlTextList } from '@salle/db';
import { raiseFlag } from '../flags/payment-flags';
import type { PaymentRecord } from '../database/tables/payment-table';
import { refundAmount } from '../refunds/refund-policy';
import { refundedSoFar, requestRefund } from '../refunds/refund-requests';
import { cancelInvoice, issueInvoice } from '../invoices/invoice-store';
import { awaitingPaymentStatuses, payableMayBecome } from '../payments/payment-states';
import {
  heldForSession,
  livePaymentsPaying,
  requestExpiryOfDeadPeriods,
  sessionsPaidBy,
} from '../periods/period-items';

/**
 * What was paid for `bookingId` in each accepted payment and refunded of it so far: the whole payment of a
 * booking paid alone, or the session's share of its period's payment.
 */
async function sessionShare(
  manager: EntityManager,
  payment: PaymentRecord,
  bookingId: string,
): Promise<{ paidCents: number; refundedCents: number }> {
  if (!payment.seriesId)
    return { paidCents: payment.amountCents, refundedCents: await refundedSoFar(manager, payment.id) };
  const item = (await sessionsPaidBy(manager, payment)).find((each) => each.bookingId === bookingId);
  return item ? heldForSession(manager, payment.id, item) : { paidCents: 0, refundedCents: 0 };
}

/** Asks the task worker to close the open checkouts of a booking (the hold is released). */
async function requestExpiry(manager: EntityManager, bookingId: string): Promise<void> {
  await manager.query(
    `UPDATE payment.payment SET expire_requested_at = now(), updated_at = now()
      WHERE booking_id = $1 AND status IN (${sqlTextList(awaitingPaymentStatuses)}) AND expire_requested_at IS NULL`,
    [bookingId],
  );
}

/**
 * What the payment service does with the booking service's events, each in
 * the consumer's transaction (with the inbox row, so exactly once). Calls to
 * the provider never happen here: refunds and expiries are recorded as owed
 * and carried out by the task worker with idempotency keys.
 */
export function bookingEventHandlers(): EventHandlers {
  return {
    'booking.approved': async (event, { manager }) => {
      const booking = event.payload;
      if (booking.priceCents === 0) return;
      await manager.query(
        `INSERT INTO payment.payable_booking
           (booking_id, organisation_id, establishment_id, space_id, starts_at, ends_at, price_cents, payment_due_at, labels, approved_at,
          series_id, period_key, period_label)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (booking_id) DO NOTHING`,
        [
          booking.bookingId,
          booking.organisationId,
          booking.establishmentId,
          booking.spaceId,
          booking.startsAt,
          booking.endsAt,
          booking.priceCents,
          booking.paymentDueAt,
          // Events written before the names were added carry none: the receipt then falls back to ids.
          JSON.stringify(booking.labels ?? {}),
          event.occurredAt,
          booking.seriesPeriod?.seriesId ?? null,
          booking.seriesPeriod?.key ?? null,
          booking.seriesPeriod?.label ?? null,
        ],
      );
    },

    // A public payer's booking, confirmed on approval, is paid by invoice: issued here, once.
    'booking.confirmed': async (event, { manager }) => {
      const { invoice } = event.payload;
      if (invoice && event.payload.priceCents > 0) {
        await issueInvoice(manager, { ...event.payload, invoice }, new Date(event.occurredAt));
      }
    },

    'booking.cancelled': async (event, { manager }) => {
      const { bookingId, cancelledFrom } = event.payload;
      await cancelInvoice(manager, bookingId, new Date(event.occurredAt));
      // Payments first, as the settlement locks them (payment, then payable booking): no deadlock when both run at once.
      const payments = await livePaymentsPaying(manager, bookingId, true);
      await manager.query(
        `UPDATE payment.payable_booking SET status = 'cancelled', updated_at = now() WHERE booking_id = $1 AND status IN (${payableMayBecome('cancelled')})`,
        [bookingId],
      );
      // Cancelled before the booking service saw the payment confirm it: the policy does not apply (older producers omit `cancelledFrom`).
      const crossed = cancelledFrom !== undefined && cancelledFrom !== 'confirmed';
      const refundPercent = crossed ? 100 : event.payload.refundPercent;
      for (const payment of payments) {
        if (payment.status !== 'succeeded') continue;
        // A period's payment gives back the policy's share of this session's price only.
        const share = await sessionShare(manager, payment, bookingId);
        const amount = refundAmount(share.paidCents, share.refundedCents, refundPercent);
        const owed = await requestRefund(
          manager,
          { paymentId: payment.id, bookingId, ofSession: payment.seriesId !== null },
          { cause: 'cancellation', percent: refundPercent, amountCents: amount },
        );
        if (owed && crossed) {
          await raiseFlag(manager, {
            kind: 'late_payment',
            dedupeKey: payment.seriesId ? `late_payment:${payment.id}:${bookingId}` : `late_payment:${payment.id}`,
            bookingId,
            paymentId: payment.id,
            detail:
              'La réservation a été annulée avant d’être confirmée alors que le paiement venait d’être accepté\u00a0: remboursement intégral.',
          });
        }
      }
      // A checkout still open is closed; if it was paid meanwhile, the late payment is refunded in full.
      await requestExpiry(manager, bookingId);
      await requestExpiryOfDeadPeriods(manager, bookingId);
    },

    'booking.expired': async (event, { manager }) => {
      const { bookingId } = event.payload;
      const payments = await livePaymentsPaying(manager, bookingId, true);
      await manager.query(
        `UPDATE payment.payable_booking SET status = 'expired', updated_at = now() WHERE booking_id = $1 AND status IN (${payableMayBecome('expired')})`,
        [bookingId],
      );
      for (const payment of payments) {
        if (payment.status !== 'succeeded') continue;
        // The booking expired although we accepted a payment (the two crossed): the money goes back in full.
        const share = await sessionShare(manager, payment, bookingId);
        const amount = refundAmount(share.paidCents, share.refundedCents, 100);
        const owed = await requestRefund(
          manager,
          { paymentId: payment.id, bookingId, ofSession: payment.seriesId !== null },
          { cause: 'late_payment', percent: 100, amountCents: amount },
        );
        if (owed) {
          await raiseFlag(manager, {
            kind: 'late_payment',
            dedupeKey: payment.seriesId ? `late_payment:${payment.id}:${bookingId}` : `late_payment:${payment.id}`,
            bookingId,
            paymentId: payment.id,
            detail:
              'La réservation a expiré alors que le paiement venait d’être accepté\u00a0: remboursement intégral.',
          });
        }
      }
      await requestExpiry(manager, bookingId);
      // A period released unpaid: its open checkout (or PayFiP operation) is closed; money arriving anyway goes back.
      await requestExpiryOfDeadPeriods(manager, bookingId);
    },
  };
}
