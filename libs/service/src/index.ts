export { runService } from './run-service';
export {
  migrateService,
  startService,
  StartupError,
  type BackgroundWorker,
  type RunningService,
  type ServiceDependencies,
  type ServiceOptions,
} from './start-service';
export { IntervalWorker } from './interval-worker';
export { retentionReport, type RetentionAction, type RetentionReport } from './retention-report';
export { pseudonymiseOldAuditEntries, type AuditLogRetention } from './audit-retention';
