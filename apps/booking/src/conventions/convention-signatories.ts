import type { DataSource } from 'typeorm';
import type { ConventionDelegateView, ConventionToSignView } from '@salle/contracts';
import type { Access } from '../access/access';
import { recordBookingAudit, staffActor } from '../audit/audit-journal';
import { managerNotFound } from '../errors';
import { conventionReference, frameworkReference } from './convention-data';

const LIVE = `('approved', 'awaiting_payment', 'confirmed')`;

/**
 * One row per convention waiting for the département: its soonest live session, with the names to show. A framework
 * (`r` its annexes) is reached through its annexes' bookings, a convention or an annex through its own (`r` itself).
 */
const TO_SIGN = `
  SELECT DISTINCT ON (c.id) b.id AS "bookingId", b.series_id AS "seriesId", c.kind AS "document", c.id AS "conventionId",
         c.school_year AS "schoolYear", o.name AS "organisationName",
         e.name AS "establishmentName", s.name AS "spaceName", b.starts_at AS "firstStartsAt",
         (SELECT count(*)::int FROM booking.booking x JOIN booking.convention y
             ON x.id = y.booking_id OR x.series_id = y.series_id
           WHERE (y.id = c.id OR y.framework_id = c.id) AND x.status IN ${LIVE}) AS sessions
    FROM booking.convention c
    JOIN booking.convention r ON r.id = c.id OR r.framework_id = c.id
    JOIN booking.booking b ON (b.id = r.booking_id OR b.series_id = r.series_id) AND b.status IN ${LIVE}
    JOIN booking.organisation o ON o.id = b.organisation_id
    JOIN booking.establishment e ON e.id = b.establishment_id
    JOIN booking.space s ON s.id = b.space_id
   WHERE c.completed_at IS NULL
     AND EXISTS (SELECT 1 FROM booking.convention_signature g WHERE g.convention_id = c.id AND g.step = 'establishment')
     AND NOT EXISTS (SELECT 1 FROM booking.convention_signature g WHERE g.convention_id = c.id AND g.step = 'department')
   ORDER BY c.id, b.starts_at`;

/** Who may sign for the collège (a manager flagged signatory) and for the département (admins holding the delegation). */
export class ConventionSignatories {
  constructor(private readonly dataSource: DataSource) {}

  async setSignatory(establishmentId: string, accountId: string, signatory: boolean, access: Access): Promise<void> {
    access.requireAdmin();
    await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT signatory FROM booking.establishment_manager WHERE establishment_id = $1 AND account_id = $2 FOR UPDATE`,
        [establishmentId, accountId],
      )) as { signatory: boolean }[];
      if (!row) throw managerNotFound();
      if (row.signatory === signatory) return;
      await manager.query(
        `UPDATE booking.establishment_manager SET signatory = $3 WHERE establishment_id = $1 AND account_id = $2`,
        [establishmentId, accountId, signatory],
      );
      await recordBookingAudit(manager, {
        actor: staffActor(access),
        action: 'manager.signatory_set',
        object: { type: 'account', id: accountId },
        establishmentId,
        changes: { signatory: { before: row.signatory, after: signatory } },
      });
    });
  }

  /** The conventions that wait for the département's signature, soonest first (admins). */
  async toSign(access: Access): Promise<{ items: ConventionToSignView[] }> {
    access.requireAdmin();
    const rows = (await this.dataSource.query(TO_SIGN)) as (Omit<
      ConventionToSignView,
      'reference' | 'firstStartsAt'
    > & {
      firstStartsAt: Date;
      conventionId: string;
      schoolYear: number | null;
    })[];
    const items = rows
      .sort((a, b) => a.firstStartsAt.getTime() - b.firstStartsAt.getTime())
      .map(({ conventionId, schoolYear, ...row }) => ({
        ...row,
        reference:
          row.document === 'framework'
            ? frameworkReference({ id: conventionId, schoolYear })
            : conventionReference({ id: row.bookingId, seriesId: row.seriesId }),
        firstStartsAt: row.firstStartsAt.toISOString(),
      }));
    return { items };
  }

  /** Who holds the delegation to sign for the département (admins), in the order it was granted. */
  async delegates(access: Access): Promise<{ items: ConventionDelegateView[] }> {
    access.requireAdmin();
    const rows = (await this.dataSource.query(
      `SELECT account_id AS "accountId", deliberation, granted_at AS "grantedAt"
         FROM booking.convention_delegate ORDER BY granted_at, account_id`,
    )) as (Omit<ConventionDelegateView, 'grantedAt'> & { grantedAt: Date })[];
    return { items: rows.map((row) => ({ ...row, grantedAt: row.grantedAt.toISOString() })) };
  }

  async grantDelegation(accountId: string, deliberation: string, access: Access): Promise<void> {
    access.requireAdmin();
    await this.dataSource.transaction(async (manager) => {
      // The deliberation it replaces, if any, for the entry's before (the row is locked until the commit).
      const [held] = (await manager.query(
        `SELECT deliberation FROM booking.convention_delegate WHERE account_id = $1 FOR UPDATE`,
        [accountId],
      )) as { deliberation: string }[];
      await manager.query(
        `INSERT INTO booking.convention_delegate (account_id, deliberation) VALUES ($1, $2)
         ON CONFLICT (account_id) DO UPDATE SET deliberation = EXCLUDED.deliberation, granted_at = now()`,
        [accountId, deliberation],
      );
      await recordBookingAudit(manager, {
        actor: staffActor(access),
        action: 'convention_delegation.granted',
        object: { type: 'account', id: accountId },
        changes: { deliberation: { before: held?.deliberation ?? null, after: deliberation } },
      });
    });
  }

  /** Revoking a delegation nobody holds changes nothing and records nothing. */
  async revokeDelegation(accountId: string, access: Access): Promise<void> {
    access.requireAdmin();
    await this.dataSource.transaction(async (manager) => {
      const [revoked] = (await manager.query(
        `DELETE FROM booking.convention_delegate WHERE account_id = $1 RETURNING deliberation`,
        [accountId],
      )) as [{ deliberation: string }[], number];
      const deliberation = revoked[0]?.deliberation;
      if (deliberation === undefined) return;
      await recordBookingAudit(manager, {
        actor: staffActor(access),
        action: 'convention_delegation.revoked',
        object: { type: 'account', id: accountId },
        changes: { deliberation: { before: deliberation, after: null } },
      });
    });
  }
}
