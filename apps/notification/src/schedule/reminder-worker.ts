import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '@salle/runtime';
import { readBookingFacts } from '../bookings/booking-facts';
import { logPlannedMessage, type PlannerSettings } from '../events/notification-planner';
import { claimDueReminders, settleReminder, type DueReminder } from './reminder-schedule';

export interface ReminderWorkerOptions {
  batchSize: number;
  /** The clock deciding what is due (tests move it). */
  now: () => Date;
}

/**
 * Turns due reminders into messages. Each batch is one transaction: the
 * reminders are claimed with `FOR UPDATE SKIP LOCKED`, their messages logged
 * in the send log (keyed by the reminder's id, so a reminder never logs a
 * message twice) and the reminders settled, all or nothing. Replicas
 * running it at once take different reminders; one that dies mid-batch
 * leaves them to the next run. Sending is the delivery worker's job.
 */
export class ReminderWorker {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: PlannerSettings,
    private readonly options: ReminderWorkerOptions,
    private readonly logger: Logger,
    /** Messages were logged: the delivery worker may send them now. */
    private readonly onLogged: () => void = () => undefined,
  ) {}

  /** Runs batches until nothing is due; returns how many reminders were settled. */
  async runOnce(): Promise<number> {
    let settled = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const now = this.options.now();
        const due = await claimDueReminders(manager, now, this.options.batchSize);
        for (const reminder of due) {
          const state = await this.writeOne(manager, reminder, now);
          await settleReminder(manager, reminder.id, state);
        }
        return due.length;
      });
      settled += batch;
      if (batch > 0) this.onLogged();
      if (batch < this.options.batchSize) return settled;
    }
  }

  private async writeOne(manager: EntityManager, reminder: DueReminder, now: Date): Promise<'done' | 'skipped'> {
    // Past its deadline (the service was down, say) a reminder would only confuse.
    if (reminder.expiresAt.getTime() <= now.getTime()) {
      this.logger.info({ reminderId: reminder.id, kind: reminder.kind }, 'reminder past its deadline: skipped');
      return 'skipped';
    }
    const facts = await readBookingFacts(manager, reminder.bookingId);
    if (!facts) return 'skipped';
    await logPlannedMessage(
      manager,
      { id: reminder.id, type: `reminder.${reminder.kind}`, occurredAt: reminder.dueAt.toISOString() },
      reminder.planned,
      facts,
      this.settings,
      this.logger,
    );
    return 'done';
  }
}
