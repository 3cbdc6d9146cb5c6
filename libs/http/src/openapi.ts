import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Express } from 'express';
import type { z } from 'zod';
import { PROBLEM_CONTENT_TYPE, problemSchema, type OperationShape, type OperationTable } from '@salle/contracts';

/** An operation as described; the rows of a service's operation table (`@salle/contracts`). */
export type ApiOperation = OperationShape;

/** The rows of a table, or a list of them. */
export const operationList = (operations: OperationTable | readonly OperationShape[]): readonly OperationShape[] =>
  Array.isArray(operations) ? operations : Object.values(operations);

const REFUSALS: Record<number, string> = {
  400: 'The request is malformed: `errors` names each field.',
  401: 'No session, or it expired.',
  403: 'The caller may not do this.',
  404: 'Not found, or not visible to the caller.',
  409: 'Refused in the current state: `code` says why.',
  410: 'Gone: expired, used or revoked.',
  413: 'The body is too large.',
  415: 'The body is not JSON.',
  422: 'Understood but refused: `code` says why.',
  429: 'Too many attempts: `detail` says when to try again.',
  502: 'The payment provider refused: `detail` says why.',
  503: 'A dependency is unavailable: try again.',
};

const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The OpenAPI 3.1 document of a service's operations. */
export function openApiDocument(
  info: { title: string; version: string; description: string },
  operations: OperationTable | readonly OperationShape[],
) {
  const registry = new OpenAPIRegistry();
  // An `id` makes it one shared component instead of a copy per response.
  const problem = problemSchema.meta({ id: 'Problem' });
  for (const operation of operationList(operations)) {
    const { status, alsoStatus, description, json, mediaType } = operation.success;
    const success: RouteConfig['responses'][number] = json
      ? { description, content: { 'application/json': { schema: json } } }
      : mediaType
        ? { description, content: { [mediaType]: { schema: { type: 'string' } } } }
        : { description };
    const responses: RouteConfig['responses'] = { [status]: success };
    if (alsoStatus) responses[alsoStatus] = { ...success, description: `${description} (already there)` };
    if (operation.revalidate)
      responses[304] = { description: 'Not modified: the ETag named in If-None-Match is still the answer’s.' };
    for (const code of [400, ...(operation.refusals ?? [])]) {
      responses[code] = {
        description: REFUSALS[code] ?? 'Refused.',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: problem } },
      };
    }
    registry.registerPath({
      method: operation.method,
      path: openApiPath(operation.path),
      summary: operation.summary,
      description: `Access: ${operation.access}.`,
      tags: [...operation.tags],
      request: {
        params: operation.params,
        query: operation.query as z.ZodObject | undefined,
        body: operation.body
          ? { content: { 'application/json': { schema: operation.body } }, required: true }
          : undefined,
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
