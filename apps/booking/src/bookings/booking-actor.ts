import type { Access } from '../access/access';
import type { BookingEntity } from '../database/entities';
import type { Actor } from '../domain/lifecycle';
import { bookingNotFound } from '../errors';
import type { JournalActor } from './booking-journal';

/**
 * Who the caller is towards a booking (admin, its collège's manager, its
 * organisation's member), as the state machine and the journal name them;
 * anyone else gets the 404 of a booking they may not see.
 */
export function actorFor(booking: BookingEntity, access: Access): { actor: Actor; journal: JournalActor } {
  const caller = access.requireCaller();
  if (access.isAdmin) {
    return { actor: { kind: 'admin' }, journal: { accountId: caller.accountId, role: 'department_admin' } };
  }
  if (access.managesEstablishment(booking.establishmentId)) {
    return {
      actor: { kind: 'establishment_manager', establishmentId: booking.establishmentId },
      journal: { accountId: caller.accountId, role: 'establishment_manager' },
    };
  }
  if (access.actsFor(booking.organisationId)) {
    return {
      actor: { kind: 'organisation_member', organisationId: booking.organisationId },
      journal: { accountId: caller.accountId, role: 'organisation_member' },
    };
  }
  throw bookingNotFound();
}
