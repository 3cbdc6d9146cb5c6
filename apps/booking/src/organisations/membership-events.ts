import type { EntityManager } from 'typeorm';
import type { EventPayload } from '@salle/contracts';
import { createOutbox } from '@salle/events';

const outbox = createOutbox({ schema: 'booking' });

/**
 * Announces a membership change in the transaction that makes it, so that
 * the gateway forgets the access it remembered for that account exactly when
 * the change commits, never before and never not at all.
 */
export async function announceMembershipChange(
  manager: EntityManager,
  change: EventPayload<'organisation.membership_changed'>,
): Promise<void> {
  await outbox.add(manager, {
    type: 'organisation.membership_changed',
    aggregateId: change.organisationId,
    payload: change,
  });
}

/**
 * Announces an organisation's declaration, the département's decision on it, or a claim on its number and the
 * decision on that, in the transaction that makes it.
 */
export async function announceOrganisationEvent(
  manager: EntityManager,
  event:
    | { type: 'organisation.declared'; payload: EventPayload<'organisation.declared'> }
    | { type: 'organisation.verification_decided'; payload: EventPayload<'organisation.verification_decided'> }
    | { type: 'organisation.claim_requested'; payload: EventPayload<'organisation.claim_requested'> }
    | { type: 'organisation.claim_decided'; payload: EventPayload<'organisation.claim_decided'> }
    | { type: 'organisation.insurance_expiring'; payload: EventPayload<'organisation.insurance_expiring'> }
    | { type: 'organisation.claim_code_requested'; payload: EventPayload<'organisation.claim_code_requested'> },
): Promise<void> {
  await outbox.add(manager, { ...event, aggregateId: event.payload.organisationId });
}
