import { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Refusals an operation lists in its description (400, 413 and 415 go without saying: see ALWAYS_POSSIBLE_REFUSALS). */
export type DescribedRefusal = 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 502 | 503;

/**
 * Statuses every operation may answer without listing them: a malformed
 * request (400), a body too large (413) or not JSON (415) are refused at the
 * edge, before any operation is chosen.
 */
export const ALWAYS_POSSIBLE_REFUSALS: readonly number[] = [400, 413, 415];

/**
 * One HTTP operation as its clients see it: plain data with the zod schemas of
 * its input and answer, no server code, so that the browser can derive its
 * client from the very table a service mounts its routes and publishes its
 * description from.
 */
export interface OperationShape {
  method: HttpMethod;
  /** Express notation: `/bookings/:id`. */
  path: string;
  summary: string;
  /** Who may call it, in words for the description; the service enforces it. */
  access: string;
  tags: readonly string[];
  /** Path parameters: every `:name` of the path must be a key. */
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success status and what it returns: a JSON schema, another media type, or nothing (204, 303). */
  success: {
    /** 303: a browser flow (login, logout) that ends on a redirect. */
    status: 200 | 201 | 204 | 303;
    /** An idempotent creation answers 201 the first time and 200, with the same body, when the thing already exists. */
    alsoStatus?: 200;
    description: string;
    json?: z.ZodType;
    /** `application/octet-stream`: a stored file whose handler sets its own recognised type. */
    mediaType?:
      'text/csv' | 'text/calendar' | 'application/pdf' | 'text/html' | 'application/octet-stream' | 'image/webp';
  };
  /** The refusals it may answer beyond ALWAYS_POSSIBLE_REFUSALS, each as problem+json. */
  refusals?: readonly DescribedRefusal[];
  /**
   * A JSON read the browser keeps and asks again each time: its 200 carries a strong `ETag` of its body and
   * `Cache-Control: private, no-cache`, and a request whose `If-None-Match` names that ETag gets a bodiless
   * 304 instead. For large answers that rarely change (the collèges list a search page loads on every visit).
   */
  revalidate?: true;
}

/** A service's operations by name: the one place each is declared. */
export type OperationTable = Readonly<Record<string, OperationShape>>;

/** Keeps the literal types of a table (paths, schemas) while checking its rows. */
/** Who may call an operation, in the words every service's table uses. */
export const ACCESS = {
  admin: 'département admins',
  parties: "members of the booking's organisation, managers of its collège, and département admins",
  anyone: 'anyone, visitors included',
} as const;

/** The `GET /openapi.json` row each service's table ends with: its own description. */
export const serviceOpenApiOperation = {
  method: 'get',
  path: '/openapi.json',
  tags: ['operations'],
  summary: 'This description',
  access: ACCESS.anyone,
  success: { status: 200, description: 'OpenAPI 3.1 document.', json: z.object({}).loose() },
} as const satisfies OperationShape;

export const defineOperations = <const T extends OperationTable>(table: T): T => table;

/** Some rows of a table, to mount them apart (before an authentication middleware, or while a service moves to its table). */
export function pickOperations<T extends OperationTable, const K extends keyof T & string>(
  table: T,
  names: readonly K[],
): Pick<T, K> {
  const picked: Partial<Pick<T, K>> = {};
  for (const name of names) picked[name] = table[name];
  return picked as Pick<T, K>;
}

type Part<K extends string, S> = S extends z.ZodType ? { [P in K]: z.input<S> } : { [P in K]?: undefined };

/** What a client sends: path parameters, query and body, each typed by its schema and required when the operation has one. */
export type OperationRequest<O extends OperationShape> = Part<'params', O['params']> &
  Part<'query', O['query']> &
  Part<'body', O['body']>;

/** What a client gets on success: the JSON answer, or text/bytes for another media type, or nothing. */
export type OperationAnswer<O extends OperationShape> = O['success'] extends { json: infer J extends z.ZodType }
  ? z.output<J>
  : O['success'] extends { mediaType: string }
    ? string
    : undefined;

export { operationPath, operationRoutes, type OperationRoutes } from './operation-path';
