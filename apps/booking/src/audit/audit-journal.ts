import type { EntityManager } from 'typeorm';
import type { AuditChanges } from '@salle/contracts';
import { recordAudit, type AuditRecord } from '@salle/db';
import type { Access } from '../access/access';

/** Records one change in `booking.audit_log`, inside the caller's transaction (libs/db `recordAudit`). */
export function recordBookingAudit(manager: EntityManager, record: AuditRecord): Promise<void> {
  return recordAudit(manager, 'booking', record);
}

/** The staff member behind a catalogue change: a département admin, or a collège's manager. */
export function staffActor(access: Access): AuditRecord['actor'] {
  return {
    accountId: access.caller?.accountId ?? null,
    role: access.isAdmin ? 'department_admin' : 'establishment_manager',
  };
}

/**
 * Someone acting within an organisation they belong to: one of its owners (« responsable »), who manage it, or a
 * plain member (leaving it, for instance). The role is the one the request's rights were read with.
 */
export function memberActor(access: Access, organisationId: string): AuditRecord['actor'] {
  return {
    accountId: access.caller?.accountId ?? null,
    role: access.ownsOrganisation(organisationId) ? 'organisation_owner' : 'organisation_member',
  };
}

/** Someone acting with their own account, for no organisation yet: declaring one, claiming a number, joining. */
export function accountHolderActor(access: Access): AuditRecord['actor'] {
  return { accountId: access.caller?.accountId ?? null, role: 'account_holder' };
}

/** What an entry keeps of a personal value: whether there was one, never the value itself. */
const MASKED = '(masqué)';
const mask = (value: unknown) => (value === null || value === '' ? null : MASKED);

/**
 * The changes of fields that hold personal data (a contact's name, phone or e-mail), with their values masked:
 * the entry says which of them changed, and whether each was set, but not what it said.
 */
export function maskedChanges(changes: AuditChanges, personal: readonly string[]): AuditChanges {
  const masked: AuditChanges = {};
  for (const [field, change] of Object.entries(changes)) {
    masked[field] = personal.includes(field) ? { before: mask(change.before), after: mask(change.after) } : change;
  }
  return masked;
}
