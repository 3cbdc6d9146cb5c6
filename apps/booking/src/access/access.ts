import type { EntityManager } from 'typeorm';
import type { Caller } from '@salle/auth';
import { forbidden, unauthorized } from '@salle/http';
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
 * Loads the caller's rights. A ProConnect agent whose SIRET is an
 * establishment's becomes one of its managers the first time they call:
 * the booking service, which owns the establishments, confirms the link.
 */
export async function loadAccess(manager: EntityManager, caller: Caller | undefined): Promise<Access> {
  if (!caller) return new Access(undefined, new Map(), new Set());
  if (caller.provider === 'proconnect' && caller.siret) {
    await manager.query(
      `INSERT INTO booking.establishment_manager (account_id, establishment_id)
       SELECT $1, id FROM booking.establishment WHERE siret = $2
       ON CONFLICT DO NOTHING`,
      [caller.accountId, caller.siret],
    );
  }
  const [memberships, managed] = await Promise.all([
    manager.query(`SELECT organisation_id, role FROM booking.membership WHERE account_id = $1`, [
      caller.accountId,
    ]) as Promise<{ organisation_id: string; role: MembershipRole }[]>,
    manager.query(`SELECT establishment_id FROM booking.establishment_manager WHERE account_id = $1`, [
      caller.accountId,
    ]) as Promise<{ establishment_id: string }[]>,
  ]);
  return new Access(
    caller,
    new Map(memberships.map((m) => [m.organisation_id, m.role])),
    new Set(managed.map((m) => m.establishment_id)),
  );
}
