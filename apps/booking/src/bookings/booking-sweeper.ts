import type { DataSource } from 'typeorm';
import { BookingEntity } from '../database/entities';
import type { BookingAction } from '../domain/lifecycle';
import { SYSTEM, type BookingLifecycle } from './booking-lifecycle';

const BATCH = 100;

/**
 * Moves bookings on with time: undecided requests and unpaid approvals
 * (unless a debit is being processed) expire, confirmed bookings whose end has passed complete. Safe with any
 * number of replicas: each batch takes its rows with SKIP LOCKED. Run
 * periodically by an IntervalWorker.
 */
export class BookingSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: BookingLifecycle,
  ) {}

  /** One pass; returns how many bookings changed. */
  async sweepOnce(now = new Date()): Promise<number> {
    const expired = await this.sweep(
      'expire',
      // A debit still being processed holds its booking past the deadline, until it succeeds or fails.
      `status IN ('requested', 'approved', 'awaiting_payment') AND expires_at <= $1 AND processing_payment_id IS NULL`,
      now,
    );
    const completed = await this.sweep('complete', `status = 'confirmed' AND ends_at <= $1`, now);
    return expired + completed;
  }

  private async sweep(action: BookingAction, condition: string, now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `SELECT id FROM booking.booking WHERE ${condition} ORDER BY starts_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [now],
      );
      for (const { id } of rows) {
        const booking = await manager.findOneByOrFail(BookingEntity, { id });
        await this.lifecycle.apply(manager, booking, action, { ...SYSTEM, now });
      }
      return rows.length;
    });
  }
}
