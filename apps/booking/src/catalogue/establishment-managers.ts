import type { DataSource } from 'typeorm';
import type { ManagerInvitationView, ManagersView } from '@salle/contracts';
import type { Access } from '../access/access';
import { alreadyManager, establishmentNotFound, managerInvitationNotFound, managerNotFound } from '../errors';
import { createOutbox } from '@salle/events';
import { announceManagerChanges } from './manager-events';
import { announceEstablishmentContacts } from './establishment-contacts';
import { recordBookingAudit, staffActor } from '../audit/audit-journal';

const outbox = createOutbox({ schema: 'booking' });

interface InvitationRow {
  id: string;
  email: string;
  invitedAt: Date;
}

const toInvitationView = (row: InvitationRow): ManagerInvitationView => ({
  id: row.id,
  email: row.email,
  invitedAt: row.invitedAt.toISOString(),
});

/**
 * Who manages a collège, as the département decides it: agents matched by
 * SIRET and agents invited by professional e-mail (both designated when they
 * call, see `loadAccess`), listed by name and e-mail; an admin invites,
 * withdraws an invitation and revokes a manager, however designated.
 */
export class EstablishmentManagers {
  constructor(private readonly dataSource: DataSource) {}

  async list(establishmentId: string, access: Access): Promise<ManagersView> {
    access.requireManagerOf(establishmentId);
    await this.requireEstablishment(establishmentId);
    const [managers, invitations] = await Promise.all([
      this.dataSource.query(
        `SELECT account_id AS "accountId", display_name AS "displayName", email, origin, created_at AS "since", signatory
           FROM booking.establishment_manager WHERE establishment_id = $1
          ORDER BY display_name NULLS LAST, email NULLS LAST, created_at`,
        [establishmentId],
      ) as Promise<(Omit<ManagersView['managers'][number], 'since'> & { since: Date })[]>,
      this.dataSource.query(
        `SELECT id, email, created_at AS "invitedAt" FROM booking.manager_invitation
          WHERE establishment_id = $1 ORDER BY email`,
        [establishmentId],
      ) as Promise<InvitationRow[]>,
    ]);
    return {
      managers: managers.map((row) => ({ ...row, since: row.since.toISOString() })),
      invitations: invitations.map(toInvitationView),
    };
  }

  /**
   * Idempotent: inviting the same e-mail again answers the same invitation. A new invitation is announced
   * (`establishment.manager_invited`) in its transaction, so that the notification service e-mails it once.
   */
  async invite(establishmentId: string, email: string, access: Access): Promise<ManagerInvitationView> {
    const admin = access.requireAdmin();
    const establishmentName = await this.requireEstablishment(establishmentId);
    return this.dataSource.transaction(async (manager) => {
      const managing = (await manager.query(
        `SELECT 1 FROM booking.establishment_manager WHERE establishment_id = $1 AND email = $2`,
        [establishmentId, email],
      )) as unknown[];
      if (managing.length) throw alreadyManager();
      const [row] = (await manager.query(
        `INSERT INTO booking.manager_invitation (establishment_id, email, invited_by) VALUES ($1, $2, $3)
         ON CONFLICT ON CONSTRAINT manager_invitation_unique DO UPDATE SET email = EXCLUDED.email
         RETURNING id, email, created_at AS "invitedAt", xmax = 0 AS "created"`,
        [establishmentId, email, admin.accountId],
      )) as (InvitationRow & { created: boolean })[];
      if (!row) throw new Error('manager invitation insert returned no row');
      if (row.created) {
        await recordBookingAudit(manager, {
          actor: staffActor(access),
          action: 'manager.invited',
          object: { type: 'manager_invitation', id: row.id },
          establishmentId,
        });
        await outbox.add(manager, {
          type: 'establishment.manager_invited',
          aggregateId: establishmentId,
          payload: {
            invitationId: row.id,
            establishmentId,
            establishmentName,
            email: row.email,
            // The event needs a name; an account without one is the département's all the same.
            inviterName: admin.displayName.trim().slice(0, 200) || 'un agent du département',
          },
        });
      }
      return toInvitationView(row);
    });
  }

  async cancelInvitation(establishmentId: string, invitationId: string, access: Access): Promise<void> {
    access.requireAdmin();
    await this.dataSource.transaction(async (manager) => {
      const [, deleted] = (await manager.query(
        `DELETE FROM booking.manager_invitation WHERE id = $1 AND establishment_id = $2`,
        [invitationId, establishmentId],
      )) as [unknown, number];
      if (!deleted) throw managerInvitationNotFound();
      await recordBookingAudit(manager, {
        actor: staffActor(access),
        action: 'manager.invitation_cancelled',
        object: { type: 'manager_invitation', id: invitationId },
        establishmentId,
      });
    });
  }

  /** Remembers the revocation, so that a SIRET match does not designate the agent again. */
  async revoke(establishmentId: string, accountId: string, access: Access): Promise<void> {
    const admin = access.requireAdmin();
    await this.dataSource.transaction(async (manager) => {
      const [, deleted] = (await manager.query(
        `DELETE FROM booking.establishment_manager WHERE establishment_id = $1 AND account_id = $2`,
        [establishmentId, accountId],
      )) as [unknown, number];
      if (!deleted) throw managerNotFound();
      await manager.query(
        `INSERT INTO booking.manager_revocation (account_id, establishment_id, revoked_by) VALUES ($1, $2, $3)
         ON CONFLICT (account_id, establishment_id) DO UPDATE SET revoked_by = EXCLUDED.revoked_by, revoked_at = now()`,
        [accountId, establishmentId, admin.accountId],
      );
      await announceEstablishmentContacts(manager, [establishmentId]);
      await announceManagerChanges(manager, [{ establishmentId, accountId, change: 'revoked' }]);
      await recordBookingAudit(manager, {
        actor: staffActor(access),
        action: 'manager.revoked',
        object: { type: 'account', id: accountId },
        establishmentId,
      });
    });
  }

  /** The collège's name; 404 when there is none. */
  private async requireEstablishment(id: string): Promise<string> {
    const [found] = (await this.dataSource.query(`SELECT name FROM booking.establishment WHERE id = $1`, [id])) as {
      name: string;
    }[];
    if (!found) throw establishmentNotFound();
    return found.name;
  }
}
