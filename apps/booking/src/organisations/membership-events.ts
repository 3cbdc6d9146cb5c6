import type { EntityManager } from 'typeorm';
import type { EventPayload, MembershipRole } from '@salle/contracts';
import { MembershipEntity } from '../database/entities';
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

/** Makes the caller a member with `role` and announces it, in the caller's transaction (declaration, claim, link). */
export async function joinOrganisation(
  manager: EntityManager,
  organisationId: string,
  caller: { accountId: string; displayName: string },
  role: MembershipRole,
): Promise<void> {
  await manager.insert(MembershipEntity, {
    accountId: caller.accountId,
    organisationId,
    role,
    displayName: caller.displayName,
  });
  await announceMembershipChange(manager, { organisationId, accountId: caller.accountId, change: 'joined' });
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
