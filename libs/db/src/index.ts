export { createDataSource, migrate, redactUrl, type DatabaseOptions } from './data-source';
export {
  isDatabaseUnavailable,
  isExclusionViolation,
  isTransientConflict,
  isUniqueViolation,
  postgresErrorCode,
  retryTransientConflicts,
} from './postgres-errors';
export { preparedQuery, preparedStatement, runPrepared, type PreparedStatement } from './prepared-query';
