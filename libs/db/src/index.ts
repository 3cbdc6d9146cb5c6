export {
  createDataSource,
  migrate,
  MIGRATION_LOCK_NAME,
  redactUrl,
  type DatabaseOptions,
  type MigrateOptions,
} from './data-source';
export {
  isDatabaseUnavailable,
  isExclusionViolation,
  isTransientConflict,
  isUniqueViolation,
  postgresErrorCode,
  retryTransientConflicts,
} from './postgres-errors';
export { preparedQuery, preparedStatement, runPrepared, type PreparedStatement } from './prepared-query';
export {
  defineTable,
  queryOne,
  queryRows,
  returnedRows,
  sqlTextList,
  type ColumnMap,
  type ColumnSource,
  type Queryable,
  type TableDefinition,
} from './typed-query';
export { TRANSACTION_POOLING_REFUSAL, usesTransactionPooling } from './pooling-check';
export {
  auditEntriesNaming,
  auditInsertFrom,
  auditLogTableSql,
  auditScopeOf,
  changedFields,
  eraseFromAuditLog,
  listAudit,
  pseudonymiseAuditEntries,
  PSEUDONYMISED_ACCOUNT,
  recordAudit,
  recordAudits,
  type AuditRecord,
  type AuditScope,
} from './audit-log';
