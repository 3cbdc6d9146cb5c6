import type { DataSource } from 'typeorm';
import type { CallerAccess } from '@salle/auth';
import { auditScopeOf, listAudit, recordAudit, type AuditRecord, type Queryable } from '@salle/db';
import { forbidden } from '@salle/http';
import type { serviceAuditOperations } from '@salle/contracts';
import type { OperationImplementations } from '@salle/http';
import type { PaymentAccessPolicy } from '../access/access-policy';

/** Records one change in `payment.audit_log`, inside the caller's transaction. */
export function recordPaymentAudit(db: Queryable, record: AuditRecord): Promise<void> {
  return recordAudit(db, 'payment', record);
}

/** The staff member behind a change: a département admin, or a collège's manager. */
export function staffActor(access: CallerAccess): AuditRecord['actor'] {
  return { accountId: access.caller.accountId, role: access.isAdmin ? 'department_admin' : 'establishment_manager' };
}

/** What the payment provider (a signed webhook or notification) changed: no account behind it. */
export const PROVIDER_ACTOR: AuditRecord['actor'] = { accountId: null, role: 'provider' };

/** Payment's audit log, read by the gateway: admins every entry, managers their collèges'. */
export function auditHandlers(
  dataSource: DataSource,
): OperationImplementations<typeof serviceAuditOperations, PaymentAccessPolicy> {
  return {
    auditEntries: {
      access: 'signedIn',
      handle: ({ query }, { access }) => {
        const scope = auditScopeOf(access, query.establishmentId);
        if (scope === 'forbidden')
          throw forbidden('Réservé aux agents du département et aux gestionnaires de ce collège.');
        return listAudit(dataSource, 'payment', 'SELECT * FROM payment.audit_log', query, scope);
      },
    },
  };
}
