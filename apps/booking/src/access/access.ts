import type { EntityManager } from 'typeorm';
import type { Caller } from '@salle/auth';
import { recordAudits, type AuditRecord } from '@salle/db';
import { forbidden, unauthorized } from '@salle/http';
import { announceEstablishmentContacts } from '../catalogue/establishment-contacts';
import { announceManagerChanges } from '../catalogue/manager-events';
import { organisationNotFound } from '../errors';
import type { MembershipRole } from '@salle/contracts';

/**
 * What the caller may do, decided from the booking service's own data:
 * memberships of organisations, management of establishments, and the
 * département-admin role vouched for by the gateway.
 */
export class Access {
  constructor(
    readonly caller: Caller | undefined,
    private readonly organisations: ReadonlyMap<string, MembershipRole>,
    private readonly establishments: ReadonlySet<string>,
  ) {}

  get isAdmin(): boolean {
    return this.caller?.roles.includes('department_admin') ?? false;
  }

  get organisationIds(): string[] {
    return [...this.organisations.keys()];
  }

  get establishmentIds(): string[] {
    return [...this.establishments];
  }

  managesEstablishment(establishmentId: string): boolean {
    return this.isAdmin || this.establishments.has(establishmentId);
  }

  actsFor(organisationId: string): boolean {
    return this.organisations.has(organisationId);
  }

  ownsOrganisation(organisationId: string): boolean {
    return this.organisations.get(organisationId) === 'owner';
  }

  requireCaller(): Caller {
    if (!this.caller) throw unauthorized();
    return this.caller;
  }

  requireAdmin(): Caller {
    const caller = this.requireCaller();
    if (!this.isAdmin) throw forbidden('Réservé aux agents du département.');
    return caller;
  }

  /** Département admins, and managers of at least one collège (what they may touch is checked per collège). */
  requireSomeManagement(): Caller {
    const caller = this.requireCaller();
    if (!this.isAdmin && this.establishments.size === 0)
      throw forbidden('Réservé aux gestionnaires de collège et aux agents du département.');
    return caller;
  }

  requireManagerOf(establishmentId: string): Caller {
    const caller = this.requireCaller();
    if (!this.managesEstablishment(establishmentId)) throw forbidden('Vous ne gérez pas cet établissement.');
    return caller;
  }

  /** Members (and admins, who see everything) may read an organisation; others get a 404 so existence does not leak. */
  requireReaderOf(organisationId: string): Caller {
    const caller = this.requireCaller();
    if (!this.isAdmin && !this.actsFor(organisationId)) throw organisationNotFound();
    return caller;
  }

  requireMemberOf(organisationId: string): Caller {
    const caller = this.requireCaller();
    if (!this.actsFor(organisationId)) throw forbidden('Vous n’agissez pas pour cette organisation.');
    return caller;
  }

  /** Owners only; like `requireReaderOf`, anyone who may not even read the organisation gets a 404. */
  requireOwnerOf(organisationId: string): Caller {
    this.requireReaderOf(organisationId);
    const caller = this.requireMemberOf(organisationId);
    if (!this.ownsOrganisation(organisationId))
      throw forbidden('Seul un responsable de l’organisation peut faire cela.');
    return caller;
  }
}

/**
 * Loads the caller's rights. A ProConnect agent becomes a collège's manager
 * the first time they call when their organisation's SIRET is the collège's
 * (unless an admin revoked them there), or when an admin invited their
 * professional e-mail: the booking service, which owns the establishments,
 * confirms the link. The gateway calls `/me` at each sign-in, so an
 * invitation is accepted at the agent's first login with that e-mail.
 */
export async function loadAccess(manager: EntityManager, caller: Caller | undefined): Promise<Access> {
  if (!caller) return new Access(undefined, new Map(), new Set());
  if (caller.provider === 'proconnect' && (await hasDesignationPending(manager, caller)))
    await designateAgent(manager, caller);
  // One round trip for both: every request loads them.
  const rights = (await manager.query(
    `SELECT organisation_id AS id, role FROM booking.membership WHERE account_id = $1
     UNION ALL
     SELECT establishment_id, NULL FROM booking.establishment_manager WHERE account_id = $1`,
    [caller.accountId],
  )) as { id: string; role: MembershipRole | null }[];
  const organisations = new Map<string, MembershipRole>();
  const establishments = new Set<string>();
  for (const row of rights) {
    if (row.role === null) establishments.add(row.id);
    else organisations.set(row.id, row.role);
  }
  return new Access(caller, organisations, establishments);
}

/**
 * Whether `designateAgent` has anything to do: a collège of the agent's SIRET
 * they do not manage yet (and were not revoked from), or an invitation for
 * their e-mail. One read in the usual case, where there is nothing, instead
 * of a transaction at every request of every agent; the designation itself
 * stays idempotent when two requests find the same thing.
 */
async function hasDesignationPending(manager: EntityManager, caller: Caller): Promise<boolean> {
  const email = caller.email?.toLowerCase() ?? null;
  if (!caller.siret && !email) return false;
  const [row] = (await manager.query(
    `SELECT EXISTS (
              SELECT 1 FROM booking.establishment e
               WHERE e.siret = $2
                 AND NOT EXISTS (SELECT 1 FROM booking.establishment_manager m
                                  WHERE m.account_id = $1 AND m.establishment_id = e.id)
                 AND NOT EXISTS (SELECT 1 FROM booking.manager_revocation r
                                  WHERE r.account_id = $1 AND r.establishment_id = e.id))
         OR EXISTS (SELECT 1 FROM booking.manager_invitation WHERE email = $3) AS pending`,
    [caller.accountId, caller.siret ?? null, email],
  )) as { pending: boolean }[];
  return row?.pending ?? false;
}

/**
 * The SIRET match and the invitations of a ProConnect agent, in one
 * transaction with the announcement of the collèges' new managers (nothing to
 * announce, the usual case, costs no lock).
 */
async function designateAgent(manager: EntityManager, caller: Caller): Promise<void> {
  const email = caller.email?.toLowerCase() ?? null;
  await manager.transaction(async (tx) => {
    const designated: Designation[] = [];
    if (caller.siret) {
      designated.push(
        ...((await tx.query(
          `INSERT INTO booking.establishment_manager (account_id, establishment_id, email, origin)
           SELECT $1, e.id, $3, 'siret' FROM booking.establishment e
            WHERE e.siret = $2 AND NOT EXISTS (
              SELECT 1 FROM booking.manager_revocation r WHERE r.account_id = $1 AND r.establishment_id = e.id)
           ON CONFLICT DO NOTHING RETURNING establishment_id, origin, true AS fresh`,
          [caller.accountId, caller.siret, email],
        )) as Designation[]),
      );
    }
    if (email) {
      // An invitation lifts an earlier revocation: the admin chose this agent again.
      designated.push(
        ...((await tx.query(
          `WITH accepted AS (
             DELETE FROM booking.manager_invitation WHERE email = $2 RETURNING establishment_id),
           lifted AS (
             DELETE FROM booking.manager_revocation r USING accepted a
              WHERE r.account_id = $1 AND r.establishment_id = a.establishment_id)
           INSERT INTO booking.establishment_manager (account_id, establishment_id, email, origin)
           SELECT $1, establishment_id, $2, 'invitation' FROM accepted
           ON CONFLICT (account_id, establishment_id) DO UPDATE SET email = EXCLUDED.email
           RETURNING establishment_id, origin, xmax = 0 AS fresh`,
          [caller.accountId, email],
        )) as Designation[]),
      );
    }
    if (designated.length) {
      await announceEstablishmentContacts(
        tx,
        designated.map((row) => row.establishment_id),
      );
      await announceManagerChanges(
        tx,
        designated.map((row) => ({
          establishmentId: row.establishment_id,
          accountId: caller.accountId,
          change: 'granted',
        })),
      );
      // An invitation accepted by an agent who already manages the collège (by SIRET) grants nothing new.
      const grants = designated.filter((row) => row.fresh);
      await recordAudits(
        tx,
        'booking',
        grants.map((row) => grantEntry(caller.accountId, row)),
      );
    }
  });
}

/** A collège granted to an agent at login, and why: their organisation's SIRET, or an admin's invitation. */
interface Designation {
  establishment_id: string;
  origin: 'siret' | 'invitation';
  /** False when the row was already there (PostgreSQL's `xmax = 0` tells an upsert's insert from its update). */
  fresh: boolean;
}

/**
 * The audit entry of a grant. The rule made it, not a person acting at that moment (the admin who invited the
 * agent has their own `manager.invited` entry), so the actor is the system; the object is the agent's account.
 */
function grantEntry(accountId: string, row: Designation): AuditRecord {
  return {
    actor: { accountId: null, role: 'system' },
    action: 'manager.granted',
    object: { type: 'account', id: accountId },
    establishmentId: row.establishment_id,
    changes: { origin: { before: null, after: row.origin } },
  };
}
