import { In, type DataSource, type EntityManager } from 'typeorm';
import type {
  CreateOrganisation,
  FieldError,
  MembershipRole,
  MemberView,
  OrganisationView,
  Page,
  UpdateOrganisation,
} from '@salle/contracts';
import { INVALID_PHONE_MESSAGE, normalisePhoneNumber } from '@salle/contracts/phone';
import { changedFields, isUniqueViolation } from '@salle/db';
import { forbidden, invalidFields } from '@salle/http';
import type { Access } from '../access/access';
import { EstablishmentEntity, MembershipEntity, OrganisationEntity } from '../database/entities';
import { parisToday } from '../domain/time';
import {
  establishmentNotFound,
  lastOwner,
  memberNotFound,
  organisationExists,
  organisationIdentifierHeld,
  organisationNotFound,
} from '../errors';
import { validateRna, validateSiren } from '@salle/french-identifiers';
import { announceMembershipChange, announceOrganisationEvent, joinOrganisation } from './membership-events';
import { announceContactChange, contactSmsConsentAt } from './organisation-contact';
import { claimedNumber } from './organisation-claims';
import { toOrganisationView } from './organisation-view';
import { accountHolderActor, maskedChanges, memberActor, recordBookingAudit, staffActor } from '../audit/audit-journal';

/** What an organisation's owners may edit, as the audit log compares it before and after. */
const EDITABLE_FIELDS = [
  'address',
  'postalCode',
  'communeName',
  'insuranceReference',
  'insuranceExpiresOn',
  'contactName',
  'contactPhone',
  'contactEmail',
  'contactSmsConsentAt',
] as const satisfies readonly (keyof OrganisationEntity)[];

/** The contact person's details: the audit log says they changed, never what they say. */
const PERSONAL_FIELDS = ['contactName', 'contactPhone', 'contactEmail'];

/** Before a declaration: every field of the organisation absent, so that its entry lists the new values. */
const NOT_YET = {} as Partial<OrganisationEntity>;

function checkIdentifiers(input: { rna?: string; siren?: string }) {
  const errors: FieldError[] = [];
  const values: { rna: string | null; siren: string | null } = { rna: null, siren: null };
  if (input.rna) {
    const rna = validateRna(input.rna);
    if (rna.ok) values.rna = rna.value;
    else errors.push({ field: 'rna', message: rna.message });
  }
  if (input.siren) {
    const siren = validateSiren(input.siren);
    if (siren.ok) values.siren = siren.value;
    else errors.push({ field: 'siren', message: siren.message });
  }
  return { errors, values };
}

/** Organisations, their members and their verification by the département. */
export class OrganisationRegistry {
  constructor(private readonly dataSource: DataSource) {}

  async declare(input: CreateOrganisation, access: Access): Promise<OrganisationView> {
    const caller = access.requireCaller();
    if (caller.provider !== 'franceconnect') {
      throw forbidden('Les organisations se déclarent avec un compte FranceConnect.');
    }
    return this.create(input, null, async (manager, organisation) => {
      await joinOrganisation(manager, organisation.id, caller, 'owner');
      await recordBookingAudit(manager, {
        actor: accountHolderActor(access),
        action: 'organisation.created',
        object: { type: 'organisation', id: organisation.id },
        organisationId: organisation.id,
        changes: changedFields<Partial<OrganisationEntity>>(NOT_YET, organisation, [
          'status',
          'kind',
          'rna',
          'siren',
          'insuranceExpiresOn',
        ]),
      });
    });
  }

  /**
   * The record of an organisation that asked a collège in person or by phone, created by that collège's
   * manager (or an admin) without members: the département verifies it as any other, and its contact may
   * claim it later (`ContactClaims`). The staff member vouches for the eligibility statements the person made.
   */
  async enter(establishmentId: string, input: CreateOrganisation, access: Access): Promise<OrganisationView> {
    const caller = access.requireManagerOf(establishmentId);
    const establishment = await this.dataSource.getRepository(EstablishmentEntity).findOneBy({ id: establishmentId });
    if (!establishment) throw establishmentNotFound();
    return this.create(input, caller.accountId, (manager, organisation) =>
      // The staff member acts for the organisation: it is also the entry's `on_behalf_of`.
      recordBookingAudit(manager, {
        actor: { ...staffActor(access), onBehalfOf: organisation.id },
        action: 'organisation.entered',
        object: { type: 'organisation', id: organisation.id },
        establishmentId,
        organisationId: organisation.id,
        changes: {
          status: { before: null, after: organisation.status },
          kind: { before: null, after: organisation.kind },
        },
      }),
    );
  }

  /** The pending or verified organisation holding a number, for the staff about to enter a request for it. */
  async lookUp(establishmentId: string, number: string, access: Access): Promise<OrganisationView> {
    access.requireManagerOf(establishmentId);
    const { column, value } = claimedNumber(number);
    const organisation = await this.dataSource.getRepository(OrganisationEntity).findOneBy({
      [column]: value,
      status: In(['pending', 'verified']),
    });
    if (!organisation) throw organisationNotFound();
    return toOrganisationView(organisation);
  }

  /** Checks and saves a new organisation, pending verification, with what `andThen` adds in the same transaction. */
  private async create(
    input: CreateOrganisation,
    createdBy: string | null,
    andThen: (manager: EntityManager, organisation: OrganisationEntity) => Promise<void>,
  ): Promise<OrganisationView> {
    const { errors, values } = checkIdentifiers(input);
    if (input.insuranceExpiresOn < parisToday()) {
      errors.push({ field: 'insuranceExpiresOn', message: 'l’attestation d’assurance est expirée' });
    }
    const contactPhone = contactPhoneOf(input.contactPhone, errors);
    const smsConsentAt = contactSmsConsentAt(null, contactPhone, input.contactSmsConsent, errors);
    if (errors.length) invalidFields(errors);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const organisation = await manager.save(
          manager.create(OrganisationEntity, {
            name: input.name,
            kind: input.kind,
            ...values,
            address: input.address,
            postalCode: input.postalCode,
            communeName: input.communeName,
            eligibilityDeclaredAt: new Date(),
            republicanContractAcknowledged: input.republicanContractAcknowledged,
            insuranceReference: input.insuranceReference,
            insuranceExpiresOn: input.insuranceExpiresOn,
            contactName: input.contactName ?? null,
            contactPhone,
            contactEmail: input.contactEmail ?? null,
            contactSmsConsentAt: smsConsentAt,
            verifiedAt: null,
            status: 'pending',
            rejectionReason: null,
            createdBy,
            claimedBy: null,
            claimedAt: null,
            updatedAt: new Date(),
          }),
        );
        await andThen(manager, organisation);
        // The département's admins are told that one awaits their verification.
        await announceOrganisationEvent(manager, {
          type: 'organisation.declared',
          payload: { organisationId: organisation.id, organisationName: organisation.name },
        });
        await announceContactChange(manager, null, organisation);
        return toOrganisationView(organisation);
      });
    } catch (error) {
      // A pending or verified organisation holds the number; a rejected declaration does not.
      if (isUniqueViolation(error)) {
        throw organisationExists();
      }
      throw error;
    }
  }

  async get(id: string, access: Access): Promise<OrganisationView> {
    access.requireReaderOf(id);
    const organisation = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id });
    if (!organisation) throw organisationNotFound();
    return toOrganisationView(organisation);
  }

  /** Admins: every organisation (the validation queue with status=pending); others: their own. */
  async list(
    filter: { status?: OrganisationEntity['status']; page: number; pageSize: number },
    access: Access,
  ): Promise<Page<OrganisationView>> {
    access.requireCaller();
    const query = this.dataSource.getRepository(OrganisationEntity).createQueryBuilder('o');
    if (!access.isAdmin) query.where('o.id = ANY(:ids)', { ids: access.organisationIds });
    if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
    const [rows, total] = await query
      .orderBy('o.created_at', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items: rows.map(toOrganisationView), page: filter.page, pageSize: filter.pageSize, total };
  }

  async update(id: string, changes: UpdateOrganisation, access: Access): Promise<OrganisationView> {
    access.requireOwnerOf(id);
    if (changes.insuranceExpiresOn && changes.insuranceExpiresOn < parisToday()) {
      invalidFields([{ field: 'insuranceExpiresOn', message: 'l’attestation d’assurance est expirée' }]);
    }
    const errors: FieldError[] = [];
    const contactPhone = contactPhoneOf(changes.contactPhone, errors);
    if (errors.length) invalidFields(errors);
    return this.dataSource.transaction(async (manager) => {
      const organisation = await manager.findOne(OrganisationEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!organisation) throw organisationNotFound();
      const before = { ...organisation };
      const { contactSmsConsent, ...fields } = changes;
      Object.assign(organisation, fields, contactPhone ? { contactPhone } : {}, { updatedAt: new Date() });
      organisation.contactSmsConsentAt = contactSmsConsentAt(
        before,
        organisation.contactPhone,
        contactSmsConsent,
        errors,
      );
      if (errors.length) invalidFields(errors);
      const saved = await manager.save(organisation);
      await announceContactChange(manager, before, saved);
      await recordBookingAudit(manager, {
        actor: memberActor(access, id),
        action: 'organisation.updated',
        object: { type: 'organisation', id },
        organisationId: id,
        changes: maskedChanges(changedFields(before, saved, EDITABLE_FIELDS), PERSONAL_FIELDS),
      });
      return toOrganisationView(saved);
    });
  }

  async decide(
    id: string,
    decision: { verified: true } | { verified: false; reason: string },
    access: Access,
  ): Promise<OrganisationView> {
    access.requireAdmin();
    return this.dataSource
      .transaction(async (manager) => {
        const organisation = await manager.findOne(OrganisationEntity, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!organisation) throw organisationNotFound();
        const statusBefore = organisation.status;
        organisation.status = decision.verified ? 'verified' : 'rejected';
        organisation.rejectionReason = decision.verified ? null : decision.reason;
        organisation.updatedAt = new Date();
        organisation.verifiedAt = decision.verified ? organisation.updatedAt : null;
        organisation.rejectedAt = decision.verified ? null : organisation.updatedAt;
        const saved = await manager.save(organisation);
        await recordBookingAudit(manager, {
          actor: staffActor(access),
          action: decision.verified ? 'organisation.verified' : 'organisation.rejected',
          object: { type: 'organisation', id },
          organisationId: id,
          changes: { status: { before: statusBefore, after: organisation.status } },
        });
        await announceOrganisationEvent(manager, {
          type: 'organisation.verification_decided',
          payload: {
            organisationId: id,
            organisationName: organisation.name,
            verified: decision.verified,
            reason: decision.verified ? null : decision.reason,
          },
        });
        return toOrganisationView(saved);
      })
      .catch((error: unknown) => {
        // Only pending and verified organisations hold their number: a rejected one verified again may find it taken.
        if (isUniqueViolation(error)) throw organisationIdentifierHeld();
        throw error;
      });
  }

  async members(id: string, access: Access): Promise<MemberView[]> {
    access.requireReaderOf(id);
    const rows = await this.dataSource
      .getRepository(MembershipEntity)
      .find({ where: { organisationId: id }, order: { createdAt: 'ASC' } });
    return rows.map((row) => ({ accountId: row.accountId, role: row.role, displayName: row.displayName }));
  }

  /**
   * Names a member owner, or makes an owner a plain member again. Only owners
   * decide; nobody joins this way (people join through invitation links, which
   * they accept themselves).
   */
  async changeRole(id: string, accountId: string, role: MembershipRole, access: Access): Promise<MemberView> {
    const caller = access.requireOwnerOf(id);
    return this.withMembersLocked(id, accountId, caller.accountId, async (manager, member, owners) => {
      if (member.role === 'owner' && role === 'member' && owners === 1) throw lastOwner();
      const before = member.role;
      member.role = role;
      await manager.save(member);
      await announceMembershipChange(manager, { organisationId: id, accountId, change: 'role_changed' });
      await recordBookingAudit(manager, {
        actor: memberActor(access, id),
        action: 'member.role_changed',
        object: { type: 'membership', id: accountId },
        organisationId: id,
        changes: { role: { before, after: role } },
      });
      return { accountId: member.accountId, role: member.role, displayName: member.displayName };
    });
  }

  async removeMember(id: string, accountId: string, access: Access): Promise<void> {
    access.requireReaderOf(id);
    const caller = access.requireMemberOf(id);
    const actingOwner = caller.accountId === accountId ? null : access.requireOwnerOf(id).accountId;
    await this.withMembersLocked(id, accountId, actingOwner, async (manager, leaving, owners) => {
      if (leaving.role === 'owner' && owners === 1) throw lastOwner();
      await manager.delete(MembershipEntity, { organisationId: id, accountId });
      await announceMembershipChange(manager, { organisationId: id, accountId, change: 'left' });
      // Object and actor are the same account when someone leaves; an owner removing someone else acts as owner.
      await recordBookingAudit(manager, {
        actor: memberActor(access, id),
        action: 'member.removed',
        object: { type: 'membership', id: accountId },
        organisationId: id,
        changes: { role: { before: leaving.role, after: null } },
      });
    });
  }

  /**
   * Runs `change` on `accountId`'s membership with the organisation's
   * memberships locked, so that two owners cannot demote or remove each other
   * at once and leave none. `actingOwner` must still be an owner once the lock
   * is held: the request's rights were read before, and an owner demoted
   * meanwhile must not act as one.
   */
  private withMembersLocked<T>(
    id: string,
    accountId: string,
    actingOwner: string | null,
    change: (manager: EntityManager, member: MembershipEntity, owners: number) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const members = await manager.find(MembershipEntity, {
        where: { organisationId: id },
        lock: { mode: 'pessimistic_write' },
      });
      if (actingOwner !== null && members.find((m) => m.accountId === actingOwner)?.role !== 'owner') {
        throw forbidden('Seul un responsable de l’organisation peut faire cela.');
      }
      const member = members.find((m) => m.accountId === accountId);
      if (!member) throw memberNotFound();
      return change(manager, member, members.filter((m) => m.role === 'owner').length);
    });
  }
}

/** The contact's phone in E.164, or null when none was given; a number that is not one is added to `errors`. */
function contactPhoneOf(input: string | undefined, errors: FieldError[]): string | null {
  if (input === undefined) return null;
  const e164 = normalisePhoneNumber(input);
  if (e164 === null) errors.push({ field: 'contactPhone', message: INVALID_PHONE_MESSAGE });
  return e164;
}
