import type { RequestHandler } from 'express';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { contextFromHeaders, SpanKind, SpanStatusCode, startActiveSpan, tracingEnabled } from '@salle/runtime';
import { routeOf } from './metrics';

/**
 * One server span per request, active while the request is handled, so that
 * the service's outgoing calls and the events it writes carry its trace.
 * `continueCallerTrace` makes it a child of the caller's `traceparent` (our
 * services behind the gateway); the public edge starts a new trace instead, so
 * that nobody outside chooses our trace ids. A no-op when tracing is off.
 */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz']);

export function traceRequests(continueCallerTrace: boolean): RequestHandler {
  return (req, res, next) => {
    // Probes every few seconds would drown the traces people look for.
    if (!tracingEnabled() || UNTRACED_PATHS.has(req.path)) return next();
    const parent = continueCallerTrace ? contextFromHeaders(req.headers) : ROOT_CONTEXT;
    startActiveSpan(
      {
        name: req.method,
        kind: SpanKind.SERVER,
        parent,
        attributes: { 'http.request.method': req.method, 'salle.request_id': String(res.locals['requestId']) },
      },
      (span) => {
        // The access log line names the trace, to go from a log to its trace.
        res.locals['traceId'] = span.spanContext().traceId;
        res.once('close', () => {
          const route = routeOf(req, res);
          span.updateName(`${req.method} ${route}`);
          span.setAttribute('http.route', route);
          span.setAttribute('http.response.status_code', res.statusCode);
          if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        });
        next();
      },
    );
  };
}
