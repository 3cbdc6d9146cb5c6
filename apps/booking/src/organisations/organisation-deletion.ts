import type { DataSource } from 'typeorm';
import type { ObjectStore } from '@salle/storage';
import type { Access } from '../access/access';
import { staffActor, recordBookingAudit } from '../audit/audit-journal';
import { organisationHasBookings, organisationNotFound, organisationNotRejected } from '../errors';
import { deleteOrganisations, HAS_RECORDS, noOrganisationDeleted } from '../privacy/organisation-retention';

/**
 * A département admin deletes a rejected organisation now, rather than waiting for its retention: with every row
 * about it, as the retention job does (`deleteOrganisations`). One that has bookings, series or framework
 * conventions is kept for them (409), as the job keeps it. The audit entry keeps the deleted counts, no name.
 */
export async function deleteRejectedOrganisation(
  dataSource: DataSource,
  store: ObjectStore,
  id: string,
  access: Access,
): Promise<void> {
  access.requireAdmin();
  await dataSource.transaction(async (manager) => {
    const [organisation] = (await manager.query(
      `SELECT o.status, ${HAS_RECORDS} AS "hasRecords" FROM booking.organisation o WHERE o.id = $1 FOR UPDATE OF o`,
      [id],
    )) as { status: string; hasRecords: boolean }[];
    if (!organisation) throw organisationNotFound();
    if (organisation.status !== 'rejected') throw organisationNotRejected();
    if (organisation.hasRecords) throw organisationHasBookings();
    const deleted = noOrganisationDeleted();
    await deleteOrganisations(manager, store, [id], deleted);
    await recordBookingAudit(manager, {
      actor: staffActor(access),
      action: 'organisation.deleted',
      object: { type: 'organisation', id },
      organisationId: id,
      changes: {
        status: { before: 'rejected', after: null },
        memberships: { before: deleted.memberships, after: 0 },
        insuranceCertificates: { before: deleted.certificates, after: 0 },
      },
    });
  });
}
