import type { BookingStatus } from '@salle/contracts';

/**
 * Whether a booking's payment waits for its convention's signatures: with signing before payment
 * (CONVENTION_SIGNING=before_payment), an approved priced booking paid online stays `approved` and no checkout opens
 * until every party signed. Free and invoiced bookings have no payment to wait for; in the other modes the payment
 * opens at approval.
 */
export function paymentAwaitsSignatures(
  mode: 'off' | 'before_payment' | 'after_payment',
  booking: { status: BookingStatus; priceCents: number; invoiced: boolean },
  conventionSigned: boolean,
): boolean {
  return (
    mode === 'before_payment' &&
    booking.status === 'approved' &&
    booking.priceCents > 0 &&
    !booking.invoiced &&
    !conventionSigned
  );
}
