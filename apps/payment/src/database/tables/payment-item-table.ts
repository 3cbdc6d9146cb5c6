import { defineTable } from '@salle/db';

/** One session a period payment pays, with its share of the amount (its price when the checkout opened). */
export interface PaymentItemRecord {
  paymentId: string;
  bookingId: string;
  amountCents: number;
}

export const paymentItemTable = defineTable<PaymentItemRecord>('payment.payment_item', {
  paymentId: 'payment_id',
  bookingId: 'booking_id',
  amountCents: 'amount_cents',
});
