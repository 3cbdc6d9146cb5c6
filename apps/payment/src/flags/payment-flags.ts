import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PaymentFlagKind } from '@salle/contracts';
import { paymentOutbox } from '../events/payment-outbox';
import { withFlagRaised } from '../audit/system-entries';

/**
 * Raises a flag for the département's admins, once per `dedupeKey` (a
 * duplicated webhook does not raise it twice), and announces a new one
 * (`payment.flag_raised`) in the same transaction, so that the admins are
 * told by e-mail. Returns true when new.
 */
export async function raiseFlag(
  manager: EntityManager,
  flag: {
    kind: PaymentFlagKind;
    dedupeKey: string;
    bookingId: string | null;
    paymentId: string | null;
    detail: string;
  },
): Promise<boolean> {
  const flagId = randomUUID();
  const inserted = (await manager.query(
    withFlagRaised(
      `INSERT INTO payment.payment_flag (id, kind, dedupe_key, booking_id, payment_id, detail)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING RETURNING *`,
      'id',
    ),
    [flagId, flag.kind, flag.dedupeKey, flag.bookingId, flag.paymentId, flag.detail],
  )) as unknown[];
  if (inserted.length === 0) return false;
  await paymentOutbox.add(manager, {
    type: 'payment.flag_raised',
    aggregateId: flag.bookingId ?? flagId,
    payload: { flagId, kind: flag.kind, bookingId: flag.bookingId, paymentId: flag.paymentId },
  });
  return true;
}
