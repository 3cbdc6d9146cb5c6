import {
  context,
  propagation,
  ROOT_CONTEXT,
  type SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';

export { SpanKind, SpanStatusCode, type Span, type Context } from '@opentelemetry/api';

/**
 * The OpenTelemetry API as the services use it. Only the API lives here: it is
 * a no-op until a process registers an SDK (libs/service does when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set), so libraries call these helpers
 * unconditionally and pay nothing when tracing is off.
 */
let enabled = false;

/** Called by the process that registered an SDK; the helpers below check it before doing any work. */
export function markTracingEnabled(on: boolean): void {
  enabled = on;
}

export function tracingEnabled(): boolean {
  return enabled;
}

export function tracer() {
  return trace.getTracer('salle');
}

/** The W3C `traceparent` of the active span, or null when there is none (tracing off, no request). */
export function currentTraceparent(): string | null {
  if (!enabled) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'] ?? null;
}

/** Adds the active trace context (`traceparent`, `tracestate`) to outgoing HTTP headers. */
export function injectTraceHeaders(headers: Record<string, unknown>): void {
  if (enabled) propagation.inject(context.active(), headers);
}

/** The context a `traceparent` (an HTTP header, an event's field) continues; the root one when absent or invalid. */
export function contextFromTraceparent(traceparent: string | null | undefined): Context {
  if (!enabled || !traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/** Extracts the caller's trace context from incoming HTTP headers. */
export function contextFromHeaders(headers: Record<string, string | string[] | undefined>): Context {
  return enabled ? propagation.extract(ROOT_CONTEXT, headers) : ROOT_CONTEXT;
}

export interface SpanSettings {
  name: string;
  kind: SpanKind;
  parent: Context;
  attributes?: Attributes;
}

/**
 * Runs `work` inside a new span (the active one meanwhile), ended when the
 * work settles and marked as an error when it throws. Without tracing, just
 * runs the work.
 */
export async function inSpan<T>(settings: SpanSettings, work: (span: Span | undefined) => Promise<T>): Promise<T> {
  if (!enabled) return work(undefined);
  const span = tracer().startSpan(
    settings.name,
    { kind: settings.kind, attributes: settings.attributes },
    settings.parent,
  );
  try {
    return await context.with(trace.setSpan(settings.parent, span), () => work(span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.name });
    throw error;
  } finally {
    span.end();
  }
}

/** Starts a span and runs `work` (synchronously) with it active; the caller ends it. */
export function startActiveSpan(settings: SpanSettings, work: (span: Span) => void): void {
  const span = tracer().startSpan(
    settings.name,
    { kind: settings.kind, attributes: settings.attributes },
    settings.parent,
  );
  context.with(trace.setSpan(settings.parent, span), () => work(span));
}
