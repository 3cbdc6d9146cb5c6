import type { BookingPartyNames, PayableStatus } from '@salle/contracts';
import { defineTable } from '@salle/db';

/** Names shown on the checkout page and receipts, when booking.approved carried them (empty for older events). */
export type BookingLabels = Partial<BookingPartyNames>;

/** An approved priced booking, as the booking events told it: what may be paid, and where it stands for payment. */
export interface PayableBooking {
  bookingId: string;
  organisationId: string;
  establishmentId: string;
  spaceId: string;
  startsAt: Date;
  endsAt: Date;
  priceCents: number;
  paymentDueAt: Date | null;
  status: PayableStatus;
  labels: BookingLabels;
  /** A series' session: its series and payment period (`season`, `YYYY-MM`, `YYYY-Tn`), paid as one item. */
  seriesId: string | null;
  periodKey: string | null;
  periodLabel: string | null;
}

export const payableBookingTable = defineTable<PayableBooking>('payment.payable_booking', {
  bookingId: 'booking_id',
  organisationId: 'organisation_id',
  establishmentId: 'establishment_id',
  spaceId: 'space_id',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  priceCents: 'price_cents',
  paymentDueAt: 'payment_due_at',
  status: 'status',
  labels: 'labels',
  seriesId: 'series_id',
  periodKey: 'period_key',
  periodLabel: 'period_label',
});
