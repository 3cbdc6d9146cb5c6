export { runService } from './run-service';
export {
  startService,
  StartupError,
  type BackgroundWorker,
  type RunningService,
  type ServiceDependencies,
  type ServiceOptions,
} from './start-service';
export { IntervalWorker } from './interval-worker';
