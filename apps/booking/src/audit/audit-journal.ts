import type { EntityManager } from 'typeorm';
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
