import { z } from 'zod';
import { entityId } from './event-fields';

/**
 * Someone joined or left an organisation, or their role in it changed.
 * Produced by the booking service, which owns memberships; the gateway drops
 * what it remembered of that account's access, so that a removed member loses
 * the payment views at once.
 */
export const organisationMembershipChangedV1 = z.object({
  organisationId: entityId,
  accountId: entityId,
  change: z.enum(['joined', 'left', 'role_changed']),
});
