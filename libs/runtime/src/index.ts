export { createLogger, REDACTED_PATHS, type Logger, type LoggerSettings } from './logger';
export { BoundedMemo } from './bounded-memo';
export { retry, sleep, withTimeout, type RetryOptions } from './retry';
export { exitOnSignals, runShutdown, type ShutdownStep } from './shutdown';
