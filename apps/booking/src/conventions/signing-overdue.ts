import type { DataSource } from 'typeorm';
import { createOutbox } from '@salle/events';
import { nextSigningStep, type ConventionSigningStep } from '../domain/convention-signing';
import { conventionParties } from './convention-events';
import { conventionOfBooking } from './convention-signing-state';

const outbox = createOutbox({ schema: 'booking' });
const BATCH = 100;

interface OverdueRow {
  id: string;
  seriesId: string | null;
  establishmentId: string;
  organisationId: string;
  dueAt: Date;
}

/**
 * Bookings paid before their convention was fully signed (CONVENTION_SIGNING=after_payment) whose signing deadline
 * passed: each is flagged for its collège (`convention_overdue_at`, shown in the booking's view) and
 * `convention.signing_overdue` reminds the party whose turn it is, once. Nothing is cancelled nor refunded here:
 * the collège decides (have it signed, or cancel the booking, which refunds it). Each batch is claimed with
 * FOR UPDATE SKIP LOCKED and flagged in the transaction that writes its events, so replicas share the work.
 * `now` is for tests (a simulated clock). Returns how many bookings were flagged.
 */
export async function flagOverdueSignatures(dataSource: DataSource, now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const flagged = await dataSource.transaction(async (manager) => {
      const due = (await manager.query(
        `SELECT id, series_id AS "seriesId", establishment_id AS "establishmentId",
                organisation_id AS "organisationId", convention_due_at AS "dueAt"
           FROM booking.booking
          WHERE status = 'awaiting_payment' AND paid_by_payment_id IS NOT NULL
            AND convention_overdue_at IS NULL AND convention_due_at <= $1
          ORDER BY convention_due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, BATCH],
      )) as OverdueRow[];
      for (const booking of due) {
        // The booking's convention, or in framework mode the framework its annex refers to when the annex is signed.
        const [convention] = (await manager.query(
          `SELECT CASE WHEN c.completed_at IS NOT NULL AND f.id IS NOT NULL AND f.completed_at IS NULL
                       THEN f.id ELSE c.id END AS id
             FROM booking.convention c LEFT JOIN booking.convention f ON f.id = c.framework_id
            WHERE ${conventionOfBooking('c')}`,
          [booking.seriesId, booking.id],
        )) as { id: string }[];
        if (!convention) continue;
        const signed = (
          (await manager.query(`SELECT step FROM booking.convention_signature WHERE convention_id = $1`, [
            convention.id,
          ])) as { step: ConventionSigningStep }[]
        ).map((row) => row.step);
        const nextStep = nextSigningStep(signed);
        if (!nextStep) continue;
        await outbox.add(manager, {
          type: 'convention.signing_overdue',
          aggregateId: booking.id,
          payload: { ...conventionParties(booking, convention.id), nextStep, dueAt: booking.dueAt.toISOString() },
        });
      }
      await manager.query(`UPDATE booking.booking SET convention_overdue_at = $2 WHERE id = ANY($1::uuid[])`, [
        due.map((booking) => booking.id),
        now,
      ]);
      return due.length;
    });
    total += flagged;
    if (flagged < BATCH) return total;
  }
}
