import type { PaymentFlagKind } from '@salle/contracts';
import { defineTable } from '@salle/db';

/** Something the département's admins must look at, raised once per dedupe key. */
export interface PaymentFlagRecord {
  id: string;
  kind: PaymentFlagKind;
  bookingId: string | null;
  paymentId: string | null;
  detail: string;
  createdAt: Date;
  resolvedAt: Date | null;
}

export const paymentFlagTable = defineTable<PaymentFlagRecord>('payment.payment_flag', {
  id: 'id',
  kind: 'kind',
  bookingId: 'booking_id',
  paymentId: 'payment_id',
  detail: 'detail',
  createdAt: 'created_at',
  resolvedAt: 'resolved_at',
});
