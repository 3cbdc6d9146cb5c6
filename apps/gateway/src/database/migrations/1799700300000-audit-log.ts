import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditLogTableSql } from '@salle/db';

/**
 * The gateway service's audit log: every state change it makes, who, on whose behalf, what, on which object, the
 * changed fields before and after, written in the change's transaction (`recordAudit` of libs/db). The
 * gateway merges every service's log for the département's viewer. The table's SQL is libs/db's, the same in
 * every service; a later column is a later migration.
 */
export class AuditLog1799700300000 implements MigrationInterface {
  name = 'AuditLog1799700300000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of auditLogTableSql('gateway')) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE gateway.audit_log');
  }
}
