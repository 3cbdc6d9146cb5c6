import type { EntityManager } from 'typeorm';
import type { EventPayload } from '@salle/contracts';
import { createOutbox } from '@salle/events';

const outbox = createOutbox({ schema: 'booking' });

/**
 * Announces that agents became, or stopped being, managers of collèges, in
 * the transaction that makes the change: the gateway then forgets the access
 * it kept for each account, so a revocation holds at the agent's next
 * request instead of up to 30 s later (see the gateway's access claims).
 */
export async function announceManagerChanges(
  manager: EntityManager,
  changes: readonly EventPayload<'establishment.managers_changed'>[],
): Promise<void> {
  for (const change of changes) {
    await outbox.add(manager, {
      type: 'establishment.managers_changed',
      aggregateId: change.establishmentId,
      payload: change,
    });
  }
}
