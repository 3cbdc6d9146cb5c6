import type { DataSource, EntityManager } from 'typeorm';
import type { ClaimStatus, ClaimView, OrganisationStatus } from '@salle/contracts';
import { invalidFields, forbidden } from '@salle/http';
import { validateRna, validateSiren } from '@salle/french-identifiers';
import type { Access } from '../access/access';
import { claimAlreadyDecided, claimNotFound, claimOwnOrganisation, nothingToClaim } from '../errors';
import { announceOrganisationEvent } from './membership-events';
import { accountHolderActor, recordBookingAudit, staffActor } from '../audit/audit-journal';

interface ClaimRow {
  id: string;
  number: string;
  statement: string;
  claimantAccountId: string;
  claimantDisplayName: string;
  status: ClaimStatus;
  organisationId: string;
  organisationName: string;
  organisationStatus: OrganisationStatus;
  decisionReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

const SELECT_CLAIMS = `
  SELECT c.id, c.number, c.statement, c.claimant_account_id AS "claimantAccountId",
         c.claimant_display_name AS "claimantDisplayName", c.status, c.organisation_id AS "organisationId",
         o.name AS "organisationName", o.status AS "organisationStatus", c.decision_reason AS "decisionReason",
         c.created_at AS "createdAt", c.decided_at AS "decidedAt"
    FROM booking.organisation_claim c JOIN booking.organisation o ON o.id = c.organisation_id`;

function toClaimView(row: ClaimRow): ClaimView {
  return {
    id: row.id,
    number: row.number,
    statement: row.statement,
    claimantDisplayName: row.claimantDisplayName,
    status: row.status,
    organisation: { id: row.organisationId, name: row.organisationName, status: row.organisationStatus },
    decisionReason: row.decisionReason,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

/** An RNA (W…) or a SIREN, normalised, or the field error a person understands. */
export function claimedNumber(input: string): { column: 'rna' | 'siren'; value: string } {
  const rna = /^\s*w/i.test(input);
  const result = rna ? validateRna(input) : validateSiren(input);
  if (!result.ok) invalidFields([{ field: 'number', message: result.message }]);
  return { column: rna ? 'rna' : 'siren', value: result.value };
}

/**
 * Claims on a number a verified organisation holds. The département's admins
 * arbitrate: granted, the holder is rejected with the reason (which frees the
 * number, see `OrganisationIdentifiersHeld1797500100000`) and the claimant may
 * declare it; dismissed, nothing changes. Each step is announced in its
 * transaction, so that the holder's members and the claimant are told.
 */
export class OrganisationClaims {
  constructor(private readonly dataSource: DataSource) {}

  /** Idempotent: claiming again while a claim is pending answers that claim. */
  async claim(input: { number: string; statement: string }, access: Access): Promise<ClaimView> {
    const caller = access.requireCaller();
    if (caller.provider !== 'franceconnect') {
      throw forbidden('Les organisations se déclarent et se contestent avec un compte FranceConnect.');
    }
    const { column, value } = claimedNumber(input.number);
    return this.dataSource.transaction(async (manager) => {
      const [holder] = (await manager.query(
        `SELECT id, name FROM booking.organisation WHERE ${column} = $1 AND status = 'verified' FOR SHARE`,
        [value],
      )) as { id: string; name: string }[];
      if (!holder) throw nothingToClaim();
      if (access.actsFor(holder.id)) throw claimOwnOrganisation();
      const [created] = (await manager.query(
        `INSERT INTO booking.organisation_claim (organisation_id, number, claimant_account_id, claimant_display_name, statement)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (organisation_id, claimant_account_id) WHERE status = 'pending' DO NOTHING
         RETURNING id`,
        [holder.id, value, caller.accountId, caller.displayName, input.statement],
      )) as { id: string }[];
      if (created) {
        // The claimant's statement is theirs to the admins, not the log's: the entry keeps the number claimed.
        await recordBookingAudit(manager, {
          actor: accountHolderActor(access),
          action: 'organisation_claim.created',
          object: { type: 'organisation_claim', id: created.id },
          organisationId: holder.id,
          changes: { status: { before: null, after: 'pending' }, number: { before: null, after: value } },
        });
        await announceOrganisationEvent(manager, {
          type: 'organisation.claim_requested',
          payload: { claimId: created.id, organisationId: holder.id, organisationName: holder.name },
        });
      }
      const [row] = (await manager.query(
        `${SELECT_CLAIMS} WHERE c.organisation_id = $1 AND c.claimant_account_id = $2 AND c.status = 'pending'`,
        [holder.id, caller.accountId],
      )) as ClaimRow[];
      if (!row) throw new Error('claim vanished in its own transaction');
      return toClaimView(row);
    });
  }

  async list(status: ClaimStatus | undefined, access: Access): Promise<ClaimView[]> {
    access.requireAdmin();
    const rows = (await this.dataSource.query(
      `${SELECT_CLAIMS} WHERE $1::text IS NULL OR c.status = $1 ORDER BY c.created_at`,
      [status ?? null],
    )) as ClaimRow[];
    return rows.map(toClaimView);
  }

  async decide(id: string, granted: boolean, reason: string, access: Access): Promise<ClaimView> {
    const admin = access.requireAdmin();
    return this.dataSource.transaction(async (manager) => {
      const claim = await this.lockPending(manager, id);
      if (granted) await this.rejectHolder(manager, claim, reason);
      const status = granted ? 'granted' : 'dismissed';
      await manager.query(
        `UPDATE booking.organisation_claim
            SET status = $2, decided_by = $3, decision_reason = $4, decided_at = now() WHERE id = $1`,
        [id, status, admin.accountId, reason],
      );
      // Granted, the holder loses the number: its status changes with the claim's, in the same entry.
      await recordBookingAudit(manager, {
        actor: staffActor(access),
        action: granted ? 'organisation_claim.granted' : 'organisation_claim.dismissed',
        object: { type: 'organisation_claim', id },
        organisationId: claim.organisationId,
        changes: {
          status: { before: claim.status, after: status },
          ...(granted ? { organisationStatus: { before: claim.organisationStatus, after: 'rejected' } } : {}),
        },
      });
      await announceOrganisationEvent(manager, {
        type: 'organisation.claim_decided',
        payload: {
          claimId: id,
          organisationId: claim.organisationId,
          organisationName: claim.organisationName,
          claimantAccountId: claim.claimantAccountId,
          granted,
          reason,
        },
      });
      const [row] = (await manager.query(`${SELECT_CLAIMS} WHERE c.id = $1`, [id])) as ClaimRow[];
      if (!row) throw claimNotFound();
      return toClaimView(row);
    });
  }

  private async lockPending(manager: EntityManager, id: string): Promise<ClaimRow> {
    const [locked] = (await manager.query(`SELECT status FROM booking.organisation_claim WHERE id = $1 FOR UPDATE`, [
      id,
    ])) as { status: ClaimStatus }[];
    if (!locked) throw claimNotFound();
    if (locked.status !== 'pending') throw claimAlreadyDecided();
    const [row] = (await manager.query(`${SELECT_CLAIMS} WHERE c.id = $1`, [id])) as ClaimRow[];
    if (!row) throw claimNotFound();
    return row;
  }

  /** The holder loses the number as if the département had rejected its declaration, and its members are told. */
  private async rejectHolder(manager: EntityManager, claim: ClaimRow, reason: string): Promise<void> {
    await manager.query(
      `UPDATE booking.organisation SET status = 'rejected', rejection_reason = $2, rejected_at = now(), updated_at = now()
        WHERE id = $1`,
      [claim.organisationId, reason],
    );
    await announceOrganisationEvent(manager, {
      type: 'organisation.verification_decided',
      payload: {
        organisationId: claim.organisationId,
        organisationName: claim.organisationName,
        verified: false,
        reason,
      },
    });
  }
}
