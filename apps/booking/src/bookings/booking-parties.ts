import type { EntityManager } from 'typeorm';
import { EstablishmentEntity, SpaceEntity, type OrganisationEntity } from '../database/entities';
import { localDateOf, parisToday } from '../domain/time';
import { categoryNotAdmitted, insuranceExpired, organisationNotVerified, spaceNotFound } from '../errors';

/**
 * Whether the parties of a request may book together: the organisation is
 * verified (or vouched for by the collège's staff) and insured, the space is
 * open to requests and to its category. One-off and series requests check
 * them alike.
 */

/** Who submits a request: one of the organisation's members, or the collège's staff entering it on its behalf. */
export type Submitted = 'by_member' | 'by_staff';

/**
 * The organisation statuses each submitter may book for. A member's organisation needs the département's
 * verification; the collège's manager or a département admin who enters a request met the organisation and
 * vouches for a record still pending (typically the one they just created), never for a rejected one.
 */
const BOOKABLE_STATUSES: Record<Submitted, ReadonlySet<OrganisationEntity['status']>> = {
  by_member: new Set(['verified']),
  by_staff: new Set(['verified', 'pending']),
};

/** Admitted for this submitter (see `BOOKABLE_STATUSES`) and insured on the booked dates, or the 409 that says what to fix. */
export function checkOrganisationMayBook(
  organisation: Pick<OrganisationEntity, 'status' | 'insuranceExpiresOn'>,
  endsAt: Date,
  submitted: Submitted,
) {
  if (!BOOKABLE_STATUSES[submitted].has(organisation.status)) throw organisationNotVerified();
  if (organisation.insuranceExpiresOn < localDateOf(endsAt) || organisation.insuranceExpiresOn < parisToday()) {
    throw insuranceExpired();
  }
}

/** The space and its collège when both take requests from `organisation`'s category; 404 or 422 otherwise. */
export async function loadBookableSpace(
  manager: EntityManager,
  spaceId: string,
  organisation: OrganisationEntity,
): Promise<{ space: SpaceEntity; establishment: EstablishmentEntity }> {
  const space = await manager.findOneBy(SpaceEntity, { id: spaceId });
  const establishment = space && (await manager.findOneBy(EstablishmentEntity, { id: space.establishmentId }));
  return checkSpaceTakesRequests(space, establishment, organisation);
}

/** The space and its collège, loaded by the caller, when both take requests from `organisation`'s category. */
export function checkSpaceTakesRequests<
  Space extends Pick<SpaceEntity, 'active' | 'allowedCategories'>,
  Establishment extends Pick<EstablishmentEntity, 'status'>,
>(
  space: Space | null,
  establishment: Establishment | null,
  organisation: Pick<OrganisationEntity, 'kind'>,
): { space: Space; establishment: Establishment } {
  if (!space || !establishment || !space.active || establishment.status !== 'active') throw spaceNotFound();
  if (!space.allowedCategories.includes(organisation.kind)) throw categoryNotAdmitted();
  return { space, establishment };
}
