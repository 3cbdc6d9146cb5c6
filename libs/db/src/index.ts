export { createDataSource, migrate, redactUrl, type DatabaseOptions } from './data-source';
export { isUniqueViolation, isExclusionViolation, postgresErrorCode } from './postgres-errors';
