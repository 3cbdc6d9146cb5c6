export {
  runTypescriptSync,
  runTypescriptToExit,
  spawnTypescript,
  typescriptNode,
  type ExitedRun,
} from './run-typescript';
export {
  createTestDatabase,
  databaseExists,
  databaseTemplate,
  migrationsKey,
  type DatabaseTemplate,
  type TestDatabase,
  type TestDatabaseOptions,
} from './test-database';
export { testRedisUrl, uniqueKeyPrefix } from './test-redis';
export { startTcpProxy, type TcpProxy } from './tcp-proxy';
export { canConnect, freePort, startRedisServer, waitForPort } from './infra.cjs';
export { Browser, formAction, hiddenInputs, identityValue, linkHref } from './test-browser';
export {
  fuzzApi,
  fuzzRuns,
  fuzzSeed,
  fuzzTestTimeout,
  type ApiFuzzOptions,
  type ApiFuzzReport,
  type FuzzCaller,
} from './api-fuzz/api-fuzz';
export { fetchRetryingReset, isConnectionReset } from './fetch-retrying-reset';
export { readValueListChecks, sortedValueLists, type ValueListChecks } from './check-constraints';
export { bundleOf } from './app-bundle';
export { specsTogether } from './specs-together';
export { runBundledAppToExit, spawnBundled, spawnBundledApp, startBundledApp, type BundledApp } from './bundled-app';
export { appErrorConstructors, frenchTypographyFaults } from './error-catalogue';
export { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
export { ClamdSandbox, EICAR } from './clamd-sandbox';
export {
  auditEntriesNamed,
  describeAuditRetention,
  seedAuditEntries,
  type AuditRetentionTarget,
} from './audit-retention';
