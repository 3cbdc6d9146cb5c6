import type { Request, RequestHandler, Response } from 'express';
import express, { type Express } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { notFoundHandler } from './error-handler';

/**
 * Names the route of a request that no Express route matches (a proxy mounted
 * with `app.use`), so that it is counted under that name, not as "unmatched".
 * The label must be a fixed pattern: one per raw path would explode cardinality.
 */
/** The matched route pattern of an answered request (or the label a proxy gave it), never the raw path. */
export function routeOf(req: Request, res: Response): string {
  const labelled = res.locals.metricsRoute;
  return labelled ?? (req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched');
}

export function labelRoute(res: Response, route: string): void {
  res.locals.metricsRoute = route;
}

/** One Prometheus registry per app, so several apps can live in one test process. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method and route.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  const middleware: RequestHandler = (req, res, next) => {
    const stop = duration.startTimer();
    res.on('finish', () => {
      // The matched route pattern, never the raw path: ids would explode cardinality.
      const route = routeOf(req, res);
      stop({ method: req.method, route });
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };

  const handler: RequestHandler = async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  };

  return { registry, middleware, handler };
}

/**
 * The app of a service's metrics listener: `GET /metrics` and nothing else.
 * It listens apart from the service's API (its own host and port), so that
 * business volumes are never served where the API is reachable.
 */
export function createMetricsApp(metrics: ReturnType<typeof createMetrics>): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metrics.handler);
  app.use(notFoundHandler);
  return app;
}
