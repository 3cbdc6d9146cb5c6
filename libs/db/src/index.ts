export { createDataSource, migrate, redactUrl, type DatabaseOptions } from './data-source';
export { isDatabaseUnavailable, isExclusionViolation, isUniqueViolation, postgresErrorCode } from './postgres-errors';
