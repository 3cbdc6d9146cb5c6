export { createLogger, REDACTED_PATHS, type Logger, type LoggerSettings } from './logger';
export { retry, sleep, withTimeout, type RetryOptions } from './retry';
export { exitOnSignals, runShutdown, type ShutdownStep } from './shutdown';
