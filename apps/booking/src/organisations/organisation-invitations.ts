import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  INVITATION_DAYS,
  maskAddress,
  type CreatedInvitationView,
  type InvitationPreview,
  type InvitationView,
  type MembershipRole,
  type OrganisationView,
} from '@salle/contracts';
import { createOutbox, type EventSecrets } from '@salle/events';
import { forbidden } from '@salle/http';
import type { Access } from '../access/access';
import { MembershipEntity, OrganisationEntity } from '../database/entities';
import { alreadyMember, invitationExpired, invitationNotFound, invitationRevoked, invitationUsed } from '../errors';
import { joinOrganisation } from './membership-events';
import { accountHolderActor, memberActor, recordBookingAudit } from '../audit/audit-journal';
import { toOrganisationView } from './organisation-view';

interface InvitationRow {
  id: string;
  organisation_id: string;
  role: MembershipRole;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

const outbox = createOutbox({ schema: 'booking' });
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const view = (row: InvitationRow): InvitationView => ({
  id: row.id,
  role: row.role,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
});

/** Why a link no longer works, said to the person holding it. */
function stillOpen(row: InvitationRow, now: Date): void {
  if (row.accepted_at) throw invitationUsed();
  if (row.revoked_at) throw invitationRevoked();
  if (row.expires_at <= now) throw invitationExpired();
}

/**
 * Invitations to join an organisation. An owner creates a link carrying a
 * random secret (shown once or e-mailed, stored as a hash); whoever opens it signed in
 * with FranceConnect sees the organisation and joins it with the role the
 * owner chose. A link serves once, for seven days, and its owner can revoke it.
 */
export class OrganisationInvitations {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: EventSecrets,
  ) {}

  /**
   * With `email`, the link goes to that address: the invitation and `organisation.member_invited` (its secret
   * sealed) are written in one transaction, and the answer carries the masked address instead of the secret.
   */
  async create(
    organisationId: string,
    body: { role: MembershipRole; email?: string | undefined },
    access: Access,
    now = new Date(),
  ): Promise<CreatedInvitationView> {
    const caller = access.requireOwnerOf(organisationId);
    const token = randomBytes(32).toString('base64url');
    return this.dataSource.transaction(async (manager) => {
      const [row]: InvitationRow[] = await manager.query(
        `INSERT INTO booking.organisation_invitation (organisation_id, token_hash, role, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $5::timestamptz + make_interval(days => $6))
         RETURNING id, organisation_id, role, created_at, expires_at, accepted_at, revoked_at`,
        [organisationId, hashOf(token), body.role, caller.accountId, now, INVITATION_DAYS],
      );
      const created = view(row as InvitationRow);
      // The role and whether the link was e-mailed, never the address: the invitee has no account here yet.
      await recordBookingAudit(manager, {
        actor: memberActor(access, organisationId),
        action: 'member_invitation.created',
        object: { type: 'organisation_invitation', id: created.id },
        organisationId,
        changes: {
          role: { before: null, after: created.role },
          sentByEmail: { before: null, after: Boolean(body.email) },
          expiresAt: { before: null, after: created.expiresAt },
        },
      });
      if (!body.email) return { ...created, token };
      const organisation = await manager.findOneByOrFail(OrganisationEntity, { id: organisationId });
      await outbox.add(manager, {
        type: 'organisation.member_invited',
        aggregateId: organisationId,
        payload: {
          invitationId: created.id,
          organisationId,
          organisationName: organisation.name,
          email: body.email,
          role: body.role,
          // The event needs a name; an account without one is the organisation's owner all the same.
          inviterName: caller.displayName.trim().slice(0, 200) || 'un responsable de l’organisation',
          sealedToken: this.secrets.seal(token, 'organisation.member_invited'),
          expiresAt: created.expiresAt,
        },
      });
      return { ...created, sentTo: maskAddress(body.email) };
    });
  }

  /** The links of an organisation that can still be used. */
  async open(organisationId: string, access: Access, now = new Date()): Promise<InvitationView[]> {
    access.requireOwnerOf(organisationId);
    const rows: InvitationRow[] = await this.dataSource.query(
      `SELECT id, organisation_id, role, created_at, expires_at, accepted_at, revoked_at FROM booking.organisation_invitation
        WHERE organisation_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at`,
      [organisationId, now],
    );
    return rows.map(view);
  }

  async revoke(organisationId: string, invitationId: string, access: Access): Promise<void> {
    access.requireOwnerOf(organisationId);
    await this.dataSource.transaction(async (manager) => {
      const [, affected]: [unknown, number] = await manager.query(
        `UPDATE booking.organisation_invitation SET revoked_at = now()
          WHERE id = $1 AND organisation_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL`,
        [invitationId, organisationId],
      );
      if (affected === 0) throw invitationNotFound();
      await recordBookingAudit(manager, {
        actor: memberActor(access, organisationId),
        action: 'member_invitation.revoked',
        object: { type: 'organisation_invitation', id: invitationId },
        organisationId,
        changes: { status: { before: 'open', after: 'revoked' } },
      });
    });
  }

  /** What the link leads to, for the person about to accept it. */
  async preview(token: string, access: Access, now = new Date()): Promise<InvitationPreview> {
    access.requireCaller();
    const { row, organisation } = await this.find(this.dataSource.manager, token, false);
    stillOpen(row, now);
    return {
      organisationId: organisation.id,
      organisationName: organisation.name,
      organisationKind: organisation.kind,
      role: row.role,
      expiresAt: row.expires_at.toISOString(),
    };
  }

  async accept(token: string, access: Access, now = new Date()): Promise<OrganisationView> {
    const caller = access.requireCaller();
    if (caller.provider !== 'franceconnect') {
      throw forbidden('On rejoint une organisation avec un compte FranceConnect.');
    }
    return this.dataSource.transaction(async (manager) => {
      // Locked: two people opening one link at once cannot both join with it.
      const { row, organisation } = await this.find(manager, token, true);
      stillOpen(row, now);
      if (await manager.existsBy(MembershipEntity, { organisationId: organisation.id, accountId: caller.accountId })) {
        throw alreadyMember();
      }
      await joinOrganisation(manager, organisation.id, caller, row.role);
      await manager.query(
        `UPDATE booking.organisation_invitation SET accepted_by = $2, accepted_at = $3 WHERE id = $1`,
        [row.id, caller.accountId, now],
      );
      await recordBookingAudit(manager, {
        actor: accountHolderActor(access),
        action: 'member.joined',
        object: { type: 'membership', id: caller.accountId },
        organisationId: organisation.id,
        changes: { role: { before: null, after: row.role }, invitationId: { before: null, after: row.id } },
      });
      return toOrganisationView(organisation);
    });
  }

  private async find(
    manager: EntityManager,
    token: string,
    lock: boolean,
  ): Promise<{ row: InvitationRow; organisation: OrganisationEntity }> {
    const [row]: InvitationRow[] = await manager.query(
      `SELECT id, organisation_id, role, created_at, expires_at, accepted_at, revoked_at FROM booking.organisation_invitation
        WHERE token_hash = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [hashOf(token)],
    );
    if (!row) throw invitationNotFound();
    const organisation = await manager.findOneByOrFail(OrganisationEntity, { id: row.organisation_id });
    return { row, organisation };
  }
}
