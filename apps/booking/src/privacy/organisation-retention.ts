import type { DataSource, EntityManager } from 'typeorm';
import { RETENTION_PERIODS, retentionCutoff } from '@salle/contracts';
import type { ObjectStore } from '@salle/storage';
import type { RetentionReport } from '@salle/service';
import { announceMembershipChange } from '../organisations/membership-events';
import { announceContactChange } from '../organisations/organisation-contact';

const BATCH = 100;

/** What deleting organisations removed, by kind of row, and the contacts cleared on those kept. */
export interface DeletedOrganisations {
  organisations: number;
  memberships: number;
  invitations: number;
  claims: number;
  certificates: number;
  contactsCleared: number;
}

export const noOrganisationDeleted = (): DeletedOrganisations => ({
  organisations: 0,
  memberships: 0,
  invitations: 0,
  claims: 0,
  certificates: 0,
  contactsCleared: 0,
});

/**
 * What keeps an organisation (`o`) whatever its status: its bookings and series (accounting records, deleted by their
 * own retention) and its framework conventions (administrative contracts).
 */
export const HAS_RECORDS = `(EXISTS (SELECT 1 FROM booking.booking b WHERE b.organisation_id = o.id)
  OR EXISTS (SELECT 1 FROM booking.series s WHERE s.organisation_id = o.id)
  OR EXISTS (SELECT 1 FROM booking.convention c WHERE c.organisation_id = o.id))`;

const count = (result: unknown) => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);

interface ContactRow {
  id: string;
  contactEmail: string | null;
  contactPhone: string | null;
  contactSmsConsentAt: Date | null;
}

const CONTACT_COLUMNS = `id, contact_email AS "contactEmail", contact_phone AS "contactPhone",
  contact_sms_consent_at AS "contactSmsConsentAt"`;

/** Tells the notification service that `contacts` have no contact any more (it drops its copies). */
async function announceContactsCleared(manager: EntityManager, contacts: ContactRow[]): Promise<void> {
  for (const contact of contacts)
    await announceContactChange(manager, contact, {
      id: contact.id,
      contactEmail: null,
      contactPhone: null,
      contactSmsConsentAt: null,
    });
}

/**
 * Deletes the organisations `ids` with every row about them: their members (each announced as having left, so that
 * the gateway and notification drop their copies), invitations, number claims and claim codes, insurance
 * certificates (files first: a failure leaves the rows to retry, never a file nobody points at), then the
 * organisations. The caller holds the organisations' rows locked in `manager`'s transaction and checked that none
 * has records (HAS_RECORDS), which the foreign keys enforce anyway.
 */
export async function deleteOrganisations(
  manager: EntityManager,
  store: ObjectStore,
  ids: string[],
  into: DeletedOrganisations,
): Promise<void> {
  const members = (await manager.query(
    `SELECT account_id AS "accountId", organisation_id AS "organisationId" FROM booking.membership
      WHERE organisation_id = ANY($1::uuid[])`,
    [ids],
  )) as { accountId: string; organisationId: string }[];
  for (const member of members) await announceMembershipChange(manager, { ...member, change: 'left' });
  const contacts = (await manager.query(
    `SELECT ${CONTACT_COLUMNS} FROM booking.organisation WHERE id = ANY($1::uuid[])`,
    [ids],
  )) as ContactRow[];
  await announceContactsCleared(manager, contacts);
  const files = (await manager.query(
    `SELECT storage_key AS "storageKey" FROM booking.insurance_certificate WHERE organisation_id = ANY($1::uuid[])`,
    [ids],
  )) as { storageKey: string }[];
  for (const file of files) await store.delete(file.storageKey);
  const remove = (table: string) =>
    manager.query(`DELETE FROM booking.${table} WHERE organisation_id = ANY($1::uuid[])`, [ids]).then(count);
  into.memberships += await remove('membership');
  into.invitations += await remove('organisation_invitation');
  into.claims += (await remove('organisation_claim')) + (await remove('contact_claim_code'));
  into.certificates += await remove('insurance_certificate');
  into.organisations += count(
    await manager.query(`DELETE FROM booking.organisation WHERE id = ANY($1::uuid[])`, [ids]),
  );
}

/** One batch of rejected organisations past `cutoff` without records, deleted; how many were claimed. */
async function deleteBatch(
  dataSource: DataSource,
  store: ObjectStore,
  cutoff: Date,
  into: DeletedOrganisations,
): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const due = (await manager.query(
      `SELECT o.id FROM booking.organisation o
        WHERE o.status = 'rejected' AND o.rejected_at < $1 AND NOT ${HAS_RECORDS}
        ORDER BY o.id LIMIT $2 FOR UPDATE OF o SKIP LOCKED`,
      [cutoff, BATCH],
    )) as { id: string }[];
    if (due.length > 0)
      await deleteOrganisations(
        manager,
        store,
        due.map((organisation) => organisation.id),
        into,
      );
    return due.length;
  });
}

/** One batch of rejected organisations past `cutoff` kept for their records: their contact person cleared. */
async function clearContactsBatch(dataSource: DataSource, cutoff: Date, into: DeletedOrganisations): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const due = (await manager.query(
      `SELECT ${CONTACT_COLUMNS} FROM booking.organisation
        WHERE status = 'rejected' AND rejected_at < $1
          AND (contact_name IS NOT NULL OR contact_email IS NOT NULL OR contact_phone IS NOT NULL)
        ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [cutoff, BATCH],
    )) as ContactRow[];
    if (due.length === 0) return 0;
    await manager.query(
      `UPDATE booking.organisation
          SET contact_name = NULL, contact_email = NULL, contact_phone = NULL, contact_sms_consent_at = NULL
        WHERE id = ANY($1::uuid[])`,
      [due.map((organisation) => organisation.id)],
    );
    await announceContactsCleared(manager, due);
    into.contactsCleared += due.length;
    return due.length;
  });
}

/**
 * Retention of the rejected organisations: `years` (BOOKING_REJECTED_ORGANISATION_DELETE_AFTER_YEARS) after its
 * rejection, an organisation that has no records (HAS_RECORDS) is deleted with every row about it
 * (`deleteOrganisations`); one that has records stays for them, its contact person's name, phone and e-mail cleared
 * (it is deleted by a later run once its bookings' own retention removed them). Batches claimed with FOR UPDATE
 * SKIP LOCKED, so replicas share the rows; idempotent (a deleted organisation or a cleared contact is never found
 * again). `now` is for tests.
 */
export async function deleteRejectedOrganisations(
  dataSource: DataSource,
  store: ObjectStore,
  years: number,
  report: RetentionReport,
  now = new Date(),
): Promise<DeletedOrganisations> {
  const cutoff = retentionCutoff(now, years, RETENTION_PERIODS.BOOKING_REJECTED_ORGANISATION_DELETE_AFTER_YEARS.unit);
  const deleted = noOrganisationDeleted();
  for (let claimed = BATCH; claimed === BATCH;) claimed = await deleteBatch(dataSource, store, cutoff, deleted);
  for (let claimed = BATCH; claimed === BATCH;) claimed = await clearContactsBatch(dataSource, cutoff, deleted);
  report('organisations', 'deleted', deleted.organisations);
  report('memberships', 'deleted', deleted.memberships);
  report('organisation_invitations', 'deleted', deleted.invitations);
  report('organisation_claims', 'deleted', deleted.claims);
  report('insurance_certificates', 'deleted', deleted.certificates);
  report('organisation_contacts', 'deleted', deleted.contactsCleared);
  return deleted;
}
