import type { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import {
  ACCOUNTING_KEPT_REASON,
  accountingKeptUntil,
  CONVENTION_SIGNATURE_KEPT_REASON,
  ERASED_ACCOUNT_ID as ERASED_ACCOUNT,
  RETENTION_PERIODS,
  type KeptRecord,
  type ServiceErasureReport,
} from '@salle/contracts';
import { deleteDeliveredEventsNaming } from '@salle/events';
import { eraseFromAuditLog } from '@salle/db';
import { CONVENTION_LAST_SESSION_END } from './convention-retention';

/** What a decided claim keeps in place of its erased claimant's name and statement (the statement's check: 10+). */
const ERASED_CLAIMANT = 'Compte supprimé';
const ERASED_STATEMENT = 'Déclaration effacée avec le compte de son auteur.';

/** The end of the last session of `b`'s booking or its series: the retention job deletes them from then on. */
const LAST_SESSION_END = `COALESCE((SELECT max(s.ends_at) FROM booking.booking s WHERE s.series_id = b.series_id), b.ends_at)`;

const count = (result: unknown) => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);

/**
 * The end of the last session a convention `c` covers, as the conventions' retention job counts it: its own, or for a
 * framework its annexes' latest, or its issue date when it has none (convention-retention).
 */
const CONVENTION_KEPT_FROM = `COALESCE(${CONVENTION_LAST_SESSION_END},
  (SELECT max(COALESCE((SELECT b.ends_at FROM booking.booking b WHERE b.id = a.booking_id),
                       (SELECT max(b.ends_at) FROM booking.booking b WHERE b.series_id = a.series_id)))
     FROM booking.convention a WHERE a.framework_id = c.id),
  c.created_at)`;

/** How long an erasure keeps what it keeps: the deployment's periods (the defaults when absent). */
export interface ErasureYears {
  /** BOOKING_RECORDS_DELETE_AFTER_YEARS: the bookings kept go that long after their last session (booking-retention). */
  bookingYears?: number;
  /** BOOKING_CONVENTION_DELETE_AFTER_YEARS: a convention, with its signatures, goes that long after its last session. */
  conventionYears?: number;
}

/**
 * The person's signatures of conventions are kept, pseudonymised: the signature is the evidence of the administrative
 * contract (the name as signed, the method, the assurance level, the SHA-256 signed, the time), kept with its
 * convention until the conventions' retention job deletes it; the account id, which identifies nothing once the
 * account is gone, is replaced (the row's check requires one for a federation's signature). A signature on a
 * convention still being signed is kept alike, as booking keeps an issued convention not yet signed with its
 * booking: the person signed for the organisation while they represented it, the later parties sign the same
 * document relying on it, and deleting it would leave a later step signed before an earlier one and a sealed
 * convention whose evidence misses a party who did sign.
 */
async function keepConventionSignatures(manager: EntityManager, accountId: string, years: number) {
  const [signed] = (await manager.query(
    `SELECT count(*)::int AS count, max(${CONVENTION_KEPT_FROM}) AS newest
       FROM booking.convention_signature g JOIN booking.convention c ON c.id = g.convention_id
      WHERE g.signer_account_id = $1`,
    [accountId],
  )) as { count: number; newest: Date | null }[];
  await manager.query(`UPDATE booking.convention_signature SET signer_account_id = $2 WHERE signer_account_id = $1`, [
    accountId,
    ERASED_ACCOUNT,
  ]);
  if (!signed?.count || !signed.newest) return undefined;
  const keptUntil = accountingKeptUntil(new Date(signed.newest), years);
  return { what: 'convention_signatures', count: signed.count, reason: CONVENTION_SIGNATURE_KEPT_REASON, keptUntil };
}

/**
 * Erases one account from the booking schema (RGPD art. 17), in one transaction, idempotent: memberships and
 * collège managements (with the names they carry) are deleted; bookings, series and invitations stay for the
 * organisations and the accounts, their requester or decider replaced by ERASED_ACCOUNT; audit entries lose
 * their actor; signatures of conventions stay as their evidence, without the account. A second run finds nothing
 * and reports nothing kept.
 */
export async function eraseFromBooking(
  dataSource: DataSource,
  accountId: string,
  {
    bookingYears,
    conventionYears = RETENTION_PERIODS.BOOKING_CONVENTION_DELETE_AFTER_YEARS.default,
  }: ErasureYears = {},
): Promise<ServiceErasureReport> {
  return dataSource.transaction(async (manager) => {
    const remove = (sql: string) => manager.query(sql, [accountId]);
    const replace = (sql: string) => manager.query(sql, [accountId, ERASED_ACCOUNT]);
    const removed =
      count(await remove(`DELETE FROM booking.membership WHERE account_id = $1`)) +
      count(await remove(`DELETE FROM booking.establishment_manager WHERE account_id = $1`)) +
      count(await remove(`DELETE FROM booking.manager_revocation WHERE account_id = $1`)) +
      // A standing delegation to sign for the département ends with the account that held it (its grant stays in
      // the audit log, without the account, and the gateway records the erasure: erasure.executed).
      count(await remove(`DELETE FROM booking.convention_delegate WHERE account_id = $1`)) +
      // A claim still pending dies with its claimant (nobody is left to declare the number if it were granted).
      count(
        await remove(`DELETE FROM booking.organisation_claim WHERE claimant_account_id = $1 AND status = 'pending'`),
      );
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
    // A decided claim stays, as the record of the admins' decision (the holder may have been rejected for it),
    // without its claimant: their account, their name and their statement (free text about themselves) go.
    await manager.query(
      `UPDATE booking.organisation_claim SET claimant_account_id = $2, claimant_display_name = $3, statement = $4
        WHERE claimant_account_id = $1`,
      [accountId, ERASED_ACCOUNT, ERASED_CLAIMANT, ERASED_STATEMENT],
    );
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
    const signatures = await keepConventionSignatures(manager, accountId, conventionYears);
    // The events already delivered that name the person (a booking requested, a membership...): they only await pruning.
    await deleteDeliveredEventsNaming(manager, 'booking', accountId);
    const bookings: KeptRecord | undefined =
      kept?.count && kept.newest
        ? {
            what: 'bookings',
            count: kept.count,
            reason: ACCOUNTING_KEPT_REASON,
            keptUntil: accountingKeptUntil(new Date(kept.newest), bookingYears),
          }
        : undefined;
    return { removed, kept: [bookings, signatures].filter((record): record is KeptRecord => record !== undefined) };
  });
}
