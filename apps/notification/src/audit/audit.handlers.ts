import type { DataSource } from 'typeorm';
import { auditScopeOf, listAudit, recordAudit, type AuditRecord, type Queryable } from '@salle/db';
import { forbidden } from '@salle/http';
import type { serviceAuditOperations } from '@salle/contracts';
import type { OperationImplementations } from '@salle/http';
import type { NotificationAccessPolicy } from '../api/access-policy';

/**
 * Records one change in `notification.audit_log`, inside the caller's transaction. A person's own choices are
 * recorded by kind and channel, never with the address or number chosen.
 */
export function recordNotificationAudit(db: Queryable, record: AuditRecord): Promise<void> {
  return recordAudit(db, 'notification', record);
}

/** A person acting on their own account (preferences, phone, digest). */
export const accountHolder = (accountId: string): AuditRecord['actor'] => ({ accountId, role: 'account_holder' });

/** Notification's audit log, read by the gateway: admins every entry, managers their collèges'. */
export function auditHandlers(
  dataSource: DataSource,
): OperationImplementations<typeof serviceAuditOperations, NotificationAccessPolicy> {
  return {
    auditEntries: {
      access: 'signedIn',
      handle: ({ query }, { access }) => {
        const scope = auditScopeOf(access, query.establishmentId);
        if (scope === 'forbidden')
          throw forbidden('Réservé aux agents du département et aux gestionnaires de ce collège.');
        return listAudit(dataSource, 'notification', 'SELECT * FROM notification.audit_log', query, scope);
      },
    },
  };
}
