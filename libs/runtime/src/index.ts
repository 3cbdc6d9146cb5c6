export { createLogger, REDACTED_PATHS, type Logger, type LoggerSettings } from './logger';
export { BoundedMemo } from './bounded-memo';
export { lowerCpuPriority } from './cpu-priority';
export { lazy } from './lazy';
export { retry, sleep, withTimeout, type RetryOptions } from './retry';
export { exitOnSignals, runShutdown, type ShutdownStep } from './shutdown';
export {
  contextFromHeaders,
  contextFromTraceparent,
  currentTraceparent,
  injectTraceHeaders,
  inSpan,
  markTracingEnabled,
  SpanKind,
  SpanStatusCode,
  startActiveSpan,
  tracer,
  tracingEnabled,
  type Span,
  type SpanSettings,
} from './tracing';
export { escapeHtml, warningBanner } from './html';
