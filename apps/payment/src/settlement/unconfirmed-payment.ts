import { frenchEuros } from '@salle/contracts';
import type { EntityManager } from 'typeorm';
import { queryOne } from '@salle/db';
import { raiseFlag } from '../flags/payment-flags';
import { payableBookingTable, type PayableBooking } from '../database/tables/payable-booking-table';
import type { PaymentClaim } from '../provider/payment-provider';
import { UUID } from './checkout-settlement';

/**
 * A signed provider event announced a payment on a checkout the provider does
 * not know (another mode, an object of a connected account, or a webhook
 * secret that leaked). Nothing was received, so the ledger stays as it is,
 * but the admins are told once per checkout, under the kind a real payment
 * with the same claim would have raised.
 */
export async function flagUnconfirmedPayment(
  manager: EntityManager,
  checkoutId: string,
  claim: PaymentClaim,
): Promise<void> {
  const bookingId = claim.bookingId && UUID.test(claim.bookingId) ? claim.bookingId : null;
  const booking = bookingId
    ? await queryOne<Pick<PayableBooking, 'priceCents'>>(
        manager,
        `SELECT ${payableBookingTable.pick('priceCents')} FROM payment.payable_booking WHERE booking_id = $1`,
        [bookingId],
      )
    : undefined;
  const kind = !booking
    ? 'unknown_booking'
    : claim.amountCents !== booking.priceCents
      ? 'amount_mismatch'
      : 'unknown_checkout';
  const announced = claim.amountCents === null ? 'd’un montant non précisé' : `de ${frenchEuros(claim.amountCents)}`;
  const target = !booking
    ? 'pour une réservation inconnue'
    : `pour une réservation au prix de ${frenchEuros(booking.priceCents)}`;
  const detail = `Notification signée d’un paiement ${announced} ${target}, que le prestataire ne confirme pas (session ${checkoutId} inconnue)\u00a0: rien n’a été encaissé par ce service. Vérifiez son origine (paiement fait hors de ce service sur le compte d’un collège, ou secret du webhook divulgué).`;
  await raiseFlag(manager, {
    kind,
    dedupeKey: `${kind}:${checkoutId}`,
    bookingId,
    paymentId: null,
    detail: detail.slice(0, 1000),
  });
}
