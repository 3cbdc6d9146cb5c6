import type { EntityManager } from 'typeorm';
import type { Access } from '../access/access';
import type { JournalActor } from '../bookings/booking-journal';
import type { BookingEntity } from '../database/entities';
import type { ConventionSigner } from '../domain/convention-signing';

/**
 * What the caller holds towards the booking's convention, from the service's own data: their role in its
 * organisation, whether they manage its collège (an admin does not, for this) and are its signatory, and whether,
 * as an admin, they hold the delegation.
 */
export async function loadSigner(
  manager: EntityManager,
  booking: Pick<BookingEntity, 'organisationId' | 'establishmentId'>,
  access: Access,
): Promise<ConventionSigner> {
  const caller = access.requireCaller();
  const managesEstablishment = access.establishmentIds.includes(booking.establishmentId);
  const [row] = (await manager.query(
    `SELECT
       EXISTS (SELECT 1 FROM booking.establishment_manager
                WHERE account_id = $1 AND establishment_id = $2 AND signatory) AS "signatory",
       EXISTS (SELECT 1 FROM booking.convention_delegate WHERE account_id = $1) AS "delegate"`,
    [caller.accountId, booking.establishmentId],
  )) as { signatory: boolean; delegate: boolean }[];
  return {
    provider: caller.provider,
    organisationRole: access.ownsOrganisation(booking.organisationId)
      ? 'owner'
      : access.actsFor(booking.organisationId)
        ? 'member'
        : null,
    managesEstablishment,
    establishmentSignatory: row?.signatory ?? false,
    admin: access.isAdmin,
    delegate: row?.delegate ?? false,
  };
}

/** How the audit names the caller of an attempt: by what they are towards the booking, or as a stranger. */
export function journalActorOf(signer: ConventionSigner, accountId: string): JournalActor {
  if (signer.organisationRole) return { accountId, role: 'organisation_member' };
  if (signer.managesEstablishment) return { accountId, role: 'establishment_manager' };
  if (signer.admin) return { accountId, role: 'department_admin' };
  return { accountId, role: 'outsider' };
}
