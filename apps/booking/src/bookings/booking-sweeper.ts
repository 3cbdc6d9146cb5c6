import type { DataSource } from 'typeorm';
import type { Logger } from '@salle/runtime';
import type { BackgroundWorker } from '@salle/service';
import { BookingEntity } from '../database/entities';
import type { BookingAction } from '../domain/lifecycle';
import { SYSTEM, type BookingDesk } from './booking-desk';

const BATCH = 100;

/**
 * Moves bookings on with time: undecided requests and unpaid approvals
 * expire, confirmed bookings whose end has passed complete. Safe with any
 * number of replicas: each batch takes its rows with SKIP LOCKED.
 */
export class BookingSweeper implements BackgroundWorker {
  readonly name = 'booking-sweeper';
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly desk: BookingDesk,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): this {
    const tick = () => {
      this.running = this.sweepOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'booking sweep failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass; returns how many bookings changed. */
  async sweepOnce(now = new Date()): Promise<number> {
    const expired = await this.sweep(
      'expire',
      `status IN ('requested', 'approved', 'awaiting_payment') AND expires_at <= $1`,
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
        await this.desk.apply(manager, booking, action, { ...SYSTEM, now });
      }
      return rows.length;
    });
  }
}
