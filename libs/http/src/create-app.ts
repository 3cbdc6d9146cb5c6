import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from '@salle/runtime';
import { requireJsonBody } from './content-type';
import type { AppError } from './errors';
import { errorHandler, notFoundHandler } from './error-handler';
import { liveness, readiness, type ReadinessCheck } from './health';
import { createMetrics } from './metrics';
import { requestId } from './request-id';
import { traceRequests } from './tracing';
import { rejectMalformedUrl, rejectUnstorableBody } from './request-text';
import { serverTiming } from './server-timing';

export interface HttpAppOptions {
  service: string;
  logger: Logger;
  readinessChecks?: ReadinessCheck[];
  /** The app's Prometheus metrics, counted here and served by createMetricsApp; made here when not given. */
  metrics?: ReturnType<typeof createMetrics>;
  /** Largest JSON body accepted; bigger ones get a 413. */
  bodyLimit?: string;
  /** Routes that must see the raw body (webhooks): mounted before JSON parsing. */
  rawRoutes?: (app: Express) => void;
  /** Turns errors of the service's dependencies (a database without connections...) into answers. */
  mapError?: (error: unknown) => AppError | undefined;
  /**
   * Whether a request's span continues the caller's W3C `traceparent` (default): true for services reached
   * only through the gateway, false at the public edge, where callers must not choose our trace ids.
   */
  continueCallerTrace?: boolean;
  /**
   * What the access log says of the client (the gateway: a keyed pseudonym of its IP, never the address);
   * nothing when absent.
   */
  clientLabel?: (req: express.Request) => string;
  /** The service's own routes, mounted after parsing and before the 404 handler. */
  routes: (app: Express) => void;
}

const QUIET_PATHS = new Set(['/healthz', '/readyz']);

/**
 * Path segments that can only be secrets: 40 or more URL-safe characters
 * (calendar feed tokens, 64 hex digits), an extension allowed. Ids stay
 * readable: a uuid has 36 characters.
 */
const SECRET_SEGMENT = /^[A-Za-z0-9_-]{40,}(\.[A-Za-z0-9]{1,8})?$/;

/** The path as logged: no query string (it may carry codes) and no secret segment. */
export function loggablePath(url: string): string {
  return (url.split('?')[0] ?? '')
    .split('/')
    .map((segment) => {
      const secret = SECRET_SEGMENT.exec(segment);
      return secret ? `[secret]${secret[1] ?? ''}` : segment;
    })
    .join('/');
}

/**
 * The Express app every service starts from, so that ids, logs, errors,
 * health and metrics behave the same everywhere.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const { service, logger, readinessChecks = [], bodyLimit = '100kb' } = options;
  const app = express();
  const metrics = options.metrics ?? createMetrics(service);

  app.disable('x-powered-by');
  // Express hashes every response body for an ETag; API answers are computed per
  // request and no client sends If-None-Match, so that is CPU spent for nothing.
  app.set('etag', false);
  // No forwarding header is believed unless an app says which proxies to trust (the gateway's setting).
  app.set('trust proxy', false);
  // First, so that the time it reports covers every other middleware.
  app.use(serverTiming);
  app.use(requestId);
  app.use(traceRequests(options.continueCallerTrace ?? true));
  app.use(
    pinoHttp({
      logger,
      genReqId: (_req, res) => (res as express.Response).locals['requestId'] as string,
      autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url ?? '') },
      // Undefined when there is nothing to add: pino-http makes a child logger of any object, even empty, per request.
      customProps: (req, res) => {
        const traceId = (res as express.Response).locals?.['traceId'];
        if (!options.clientLabel && !traceId) return undefined as unknown as object;
        return {
          ...(options.clientLabel ? { client: options.clientLabel(req as express.Request) } : {}),
          ...(traceId ? { traceId } : {}),
        };
      },
      // Only what an operator needs: no query strings (they may carry codes), no secrets in paths, no bodies.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: loggablePath(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(helmet());
  app.use(metrics.middleware);

  app.get('/healthz', liveness);
  app.get('/readyz', readiness(readinessChecks));
  // No /metrics here: it is served on a listener of its own (createMetricsApp).

  // Before any route: a path that does not decode, or text PostgreSQL cannot store, is the client's mistake.
  app.use(rejectMalformedUrl);
  options.rawRoutes?.(app);
  app.use(requireJsonBody);
  app.use(express.json({ limit: bodyLimit, type: ['application/json', 'application/*+json'] }));
  app.use(rejectUnstorableBody);
  options.routes(app);

  app.use(notFoundHandler);
  app.use(errorHandler(logger, options.mapError));
  return app;
}
