import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

export type FlagKind = 'amount_mismatch' | 'unknown_booking' | 'unknown_checkout' | 'late_payment' | 'dispute' | 'refund_failed' | 'provider_error';

/**
 * Raises a flag for the département's admins, once per `dedupeKey` (a
 * duplicated webhook does not raise it twice). Returns true when new.
 */
export async function raiseFlag(
  manager: EntityManager,
  flag: { kind: FlagKind; dedupeKey: string; bookingId: string | null; paymentId: string | null; detail: string },
): Promise<boolean> {
  const inserted = (await manager.query(
    `INSERT INTO payment.payment_flag (id, kind, dedupe_key, booking_id, payment_id, detail)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [randomUUID(), flag.kind, flag.dedupeKey, flag.bookingId, flag.paymentId, flag.detail],
  )) as unknown[];
  return inserted.length > 0;
}
