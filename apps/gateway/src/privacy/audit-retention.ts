import type { AuditLogRetention } from '@salle/service';

/**
 * The gateway's audit log (erasures requested and executed), pseudonymised after GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS
 * by the shared job (`pseudonymiseOldAuditEntries` of @salle/service), with the inactive accounts' retention.
 */
export const GATEWAY_AUDIT_LOG: AuditLogRetention<'GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS'> = {
  tables: [{ name: 'gateway.audit_log' }],
  variable: 'GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS',
};
