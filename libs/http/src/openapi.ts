import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Express } from 'express';
import type { z } from 'zod';
import { PROBLEM_CONTENT_TYPE, problemSchema } from '@salle/contracts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One endpoint of a service, described with the same zod schemas its handler
 * validates with, so that the published description cannot drift from what
 * the service accepts.
 */
export interface ApiOperation {
  method: HttpMethod;
  /** Express notation: `/bookings/:id`. */
  path: string;
  summary: string;
  /** Who may call it: shown in the description, decided by the service. */
  access: string;
  tags: string[];
  /** Path parameters: every `:name` of the path must be a key. */
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success status and what it returns: a JSON schema, another media type, or nothing (204). */
  success: {
    status: 200 | 201 | 204;
    /** An idempotent creation answers 201 the first time and 200, with the same body, when the thing already exists. */
    alsoStatus?: 200;
    description: string;
    json?: z.ZodType;
    mediaType?: 'text/csv' | 'text/calendar' | 'application/pdf';
  };
  /** The refusals it may answer, beyond 400 for a malformed request, each as problem+json. */
  refusals?: (401 | 403 | 404 | 409 | 410 | 413 | 422 | 503)[];
}

const REFUSALS: Record<number, string> = {
  400: 'The request is malformed: `errors` names each field.',
  401: 'No session, or it expired.',
  403: 'The caller may not do this.',
  404: 'Not found, or not visible to the caller.',
  409: 'Refused in the current state: `code` says why.',
  410: 'Gone: expired, used or revoked.',
  413: 'The body is too large.',
  422: 'Understood but refused: `code` says why.',
  503: 'A dependency is unavailable: try again.',
};

const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The OpenAPI 3.1 document of a service's operations. */
export function openApiDocument(info: { title: string; version: string; description: string }, operations: ApiOperation[]) {
  const registry = new OpenAPIRegistry();
  // An `id` makes it one shared component instead of a copy per response.
  const problem = problemSchema.meta({ id: 'Problem' });
  for (const operation of operations) {
    const { status, alsoStatus, description, json, mediaType } = operation.success;
    const success: RouteConfig['responses'][number] = json
      ? { description, content: { 'application/json': { schema: json } } }
      : mediaType
        ? { description, content: { [mediaType]: { schema: { type: 'string' } } } }
        : { description };
    const responses: RouteConfig['responses'] = { [status]: success };
    if (alsoStatus) responses[alsoStatus] = { ...success, description: `${description} (already there)` };
    for (const code of [400, ...(operation.refusals ?? [])]) {
      responses[code] = { description: REFUSALS[code] ?? 'Refused.', content: { [PROBLEM_CONTENT_TYPE]: { schema: problem } } };
    }
    registry.registerPath({
      method: operation.method,
      path: openApiPath(operation.path),
      summary: operation.summary,
      description: `Access: ${operation.access}.`,
      tags: operation.tags,
      request: {
        params: operation.params,
        query: operation.query as z.ZodObject | undefined,
        body: operation.body ? { content: { 'application/json': { schema: operation.body } }, required: true } : undefined,
      },
      responses,
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: '3.1.0', info });
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * The `METHOD /path` of every route mounted on an Express app (routers
 * included), to check that a description lists exactly the routes served.
 */
export function expressRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
          for (const path of paths) found.push(`${method.toUpperCase()} ${path}`);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}
