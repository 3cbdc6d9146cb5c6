import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PaymentFlagKind } from '@salle/contracts';

/**
 * Raises a flag for the département's admins, once per `dedupeKey` (a
 * duplicated webhook does not raise it twice). Returns true when new.
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
  const inserted = (await manager.query(
    `INSERT INTO payment.payment_flag (id, kind, dedupe_key, booking_id, payment_id, detail)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [randomUUID(), flag.kind, flag.dedupeKey, flag.bookingId, flag.paymentId, flag.detail],
  )) as unknown[];
  return inserted.length > 0;
}
