import type { EntityManager } from 'typeorm';
import { EstablishmentEntity, SpaceEntity, type OrganisationEntity } from '../database/entities';
import { localDateOf, parisToday } from '../domain/time';
import { categoryNotAdmitted, insuranceExpired, organisationNotVerified, spaceNotFound } from '../errors';

/**
 * Whether the parties of a request may book together: the organisation is
 * verified and insured, the space is open to requests and to its category.
 * One-off and series requests check them alike.
 */

/** Verified and insured on the booked dates, or the 409 that says what to fix. */
export function checkOrganisationMayBook(
  organisation: Pick<OrganisationEntity, 'status' | 'insuranceExpiresOn'>,
  endsAt: Date,
) {
  if (organisation.status !== 'verified') throw organisationNotVerified();
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
