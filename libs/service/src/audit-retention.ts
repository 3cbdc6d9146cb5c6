import { RETENTION_PERIODS, retentionCutoff, type RetentionVariable } from '@salle/contracts';
import { pseudonymiseAuditEntries, type Queryable } from '@salle/db';
import type { RetentionReport } from './retention-report';

/** One service's audit log, as its retention job sees it. */
export interface AuditLogRetention<V extends RetentionVariable = RetentionVariable> {
  /**
   * Its tables (`schema.table`): the `audit_log` every service keeps, and booking's older `booking.audit_entry`
   * (`legacyShape`: no object columns).
   */
  tables: readonly { name: string; legacyShape?: boolean }[];
  /** The period after which who acted is pseudonymised (RETENTION_PERIODS, @salle/contracts). */
  variable: V;
}

/**
 * Every service's audit retention, written once: the entries older than the service's period (read from
 * `periods`, its configuration) lose who acted, reported as `audit_entries` pseudonymised. `now` is a parameter
 * so that tests run it on a simulated clock. The number of entries pseudonymised.
 */
export async function pseudonymiseOldAuditEntries<V extends RetentionVariable>(
  db: Queryable,
  log: AuditLogRetention<V>,
  periods: Readonly<Record<V, number>>,
  report: RetentionReport,
  now = new Date(),
): Promise<number> {
  const before = retentionCutoff(now, periods[log.variable], RETENTION_PERIODS[log.variable].unit);
  let total = 0;
  for (const table of log.tables)
    total += await pseudonymiseAuditEntries(db, table.name, before, { legacyShape: table.legacyShape });
  report('audit_entries', 'pseudonymised', total);
  return total;
}
