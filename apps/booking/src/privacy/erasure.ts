import type { DataSource } from 'typeorm';
import {
  ACCOUNTING_KEPT_REASON,
  accountingKeptUntil,
  ERASED_ACCOUNT_ID as ERASED_ACCOUNT,
  type ServiceErasureReport,
} from '@salle/contracts';
import { deleteDeliveredEventsNaming } from '@salle/events';
import { eraseFromAuditLog } from '@salle/db';

/** The end of the last session of `b`'s booking or its series: the retention job deletes them from then on. */
const LAST_SESSION_END = `COALESCE((SELECT max(s.ends_at) FROM booking.booking s WHERE s.series_id = b.series_id), b.ends_at)`;

const count = (result: unknown) => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);

/**
 * Erases one account from the booking schema (RGPD art. 17), in one transaction, idempotent: memberships and
 * collège managements (with the names they carry) are deleted; bookings, series and invitations stay for the
 * organisations and the accounts, their requester or decider replaced by ERASED_ACCOUNT; audit entries lose
 * their actor. A second run finds nothing and reports nothing kept.
 */
export async function eraseFromBooking(
  dataSource: DataSource,
  accountId: string,
  /** BOOKING_RECORDS_DELETE_AFTER_YEARS: the bookings kept go that long after their last session (booking-retention). */
  bookingYears?: number,
): Promise<ServiceErasureReport> {
  return dataSource.transaction(async (manager) => {
    const remove = (sql: string) => manager.query(sql, [accountId]);
    const replace = (sql: string) => manager.query(sql, [accountId, ERASED_ACCOUNT]);
    const removed =
      count(await remove(`DELETE FROM booking.membership WHERE account_id = $1`)) +
      count(await remove(`DELETE FROM booking.establishment_manager WHERE account_id = $1`)) +
      count(await remove(`DELETE FROM booking.manager_revocation WHERE account_id = $1`));
    const [kept] = (await manager.query(
      `SELECT count(*)::int AS count, max(${LAST_SESSION_END}) AS newest FROM booking.booking b
        WHERE requested_by = $1 OR decided_by = $1`,
      [accountId],
    )) as { count: number; newest: Date | null }[];
    await replace(`UPDATE booking.booking SET requested_by = $2 WHERE requested_by = $1`);
    await replace(`UPDATE booking.booking SET decided_by = $2 WHERE decided_by = $1`);
    await replace(`UPDATE booking.series SET requested_by = $2 WHERE requested_by = $1`);
    await replace(`UPDATE booking.booking SET entered_by = $2 WHERE entered_by = $1`);
    // A record a collège created stays marked so (its contact may still claim it); an erased claimant's claim is
    // undone with their membership, so that the contact may claim the record again.
    await replace(`UPDATE booking.organisation SET created_by = $2 WHERE created_by = $1`);
    await remove(`UPDATE booking.organisation SET claimed_by = NULL, claimed_at = NULL WHERE claimed_by = $1`);
    await remove(`DELETE FROM booking.contact_claim_code WHERE account_id = $1`);
    await remove(`UPDATE booking.booking_incident SET recorded_by = NULL WHERE recorded_by = $1`);
    await replace(`UPDATE booking.organisation_invitation SET created_by = $2 WHERE created_by = $1`);
    await replace(`UPDATE booking.organisation_invitation SET accepted_by = $2 WHERE accepted_by = $1`);
    await replace(`UPDATE booking.manager_invitation SET invited_by = $2 WHERE invited_by = $1`);
    await replace(`UPDATE booking.manager_revocation SET revoked_by = $2 WHERE revoked_by = $1`);
    await remove(`UPDATE booking.audit_entry SET actor_account_id = NULL WHERE actor_account_id = $1`);
    await eraseFromAuditLog(manager, 'booking', accountId);
    await remove(`UPDATE booking.insurance_certificate SET uploaded_by = NULL WHERE uploaded_by = $1`);
    await remove(`UPDATE booking.space_access_instructions SET updated_by = NULL WHERE updated_by = $1`);
    await remove(`UPDATE booking.space_photo SET uploaded_by = NULL WHERE uploaded_by = $1`);
    await remove(`UPDATE booking.convention_template SET created_by = NULL WHERE created_by = $1`);
    // A convention signed on paper stays, with its scan, for its parties: only who recorded it goes.
    await remove(`UPDATE booking.convention SET paper_recorded_by = NULL WHERE paper_recorded_by = $1`);
    // Messages stay in the booking's conversation, without their author's name.
    await replace(
      `UPDATE booking.booking_message SET author_account_id = $2, author_name = NULL WHERE author_account_id = $1`,
    );
    await remove(`DELETE FROM booking.booking_message_read WHERE account_id = $1`);
    // The events already delivered that name the person (a booking requested, a membership...): they only await pruning.
    await deleteDeliveredEventsNaming(manager, 'booking', accountId);
    if (!kept?.count || !kept.newest) return { removed, kept: [] };
    const keptUntil = accountingKeptUntil(new Date(kept.newest), bookingYears);
    return { removed, kept: [{ what: 'bookings', count: kept.count, reason: ACCOUNTING_KEPT_REASON, keptUntil }] };
  });
}
