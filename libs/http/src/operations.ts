import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { z } from 'zod';
import type { OperationShape, OperationTable } from '@salle/contracts';
import { BoundedMemo } from '@salle/runtime';
import { parseRequest } from './validation';

/**
 * How a service decides who may call an operation: one entry per access rule,
 * each with the middleware it needs first (verifying the internal token...)
 * and `grant`, which returns (or resolves to) what the caller may do, or throws a 401/403.
 */
export type AccessPolicy = Record<
  string,
  { middleware?: readonly RequestHandler[]; grant(request: Request, response: Response): unknown }
>;

type Granted<P extends AccessPolicy, R extends keyof P> = Awaited<ReturnType<P[R]['grant']>>;

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * An operation's input, parsed by its own schemas before its handler runs. A
 * body without a schema is `unknown`: nothing for most operations, the bytes
 * (a Buffer) for a raw-body one.
 */
export interface OperationInput<O extends OperationShape> {
  params: Parsed<O['params']>;
  query: Parsed<O['query']>;
  body: O['body'] extends z.ZodType ? z.output<O['body']> : unknown;
}

/** What a handler knows besides its input: the request id, what the access rule granted, and the raw request for headers. */
export interface OperationContext<Access> {
  requestId: string;
  access: Access;
  request: Request;
}

type SuccessBody<O extends OperationShape> = O['success'] extends { json: infer J extends z.ZodType }
  ? z.input<J>
  : O['success'] extends { mediaType: string }
    ? string | Buffer
    : // Nothing to answer (204): the handler returns nothing.
      void;

export interface ReplyOptions {
  status?: number;
  headers?: Record<string, string>;
  /** A download: `Content-Disposition: attachment` with this file name, encoded as Express does. */
  attachment?: string;
}

/** A success with another status than the described one (`alsoStatus`), headers of its own, or a file name. */
export class Reply<B> {
  constructor(
    readonly body: B,
    readonly options: ReplyOptions,
  ) {}
}

export const reply = <B>(body: B, options: ReplyOptions) => new Reply(body, options);

type Handled<O extends OperationShape> = SuccessBody<O> | Reply<SuccessBody<O>>;

/** The server side of one operation: its access rule and its handler. */
export type OperationImplementation<O extends OperationShape, P extends AccessPolicy> = {
  [R in keyof P & string]: {
    access: R;
    /** The handler reads the body's bytes itself (a signed webhook): mounted before JSON parsing, `body` is a Buffer. */
    rawBody?: { limit: string };
    handle(input: OperationInput<O>, context: OperationContext<Granted<P, R>>): Promise<Handled<O>> | Handled<O>;
  };
}[keyof P & string];

/** One implementation per operation of the table: a missing or extra one is a type error. */
export type OperationImplementations<T extends OperationTable, P extends AccessPolicy> = {
  [K in keyof T]: OperationImplementation<T[K], P>;
};

interface LooseImplementation {
  access: string;
  rawBody?: { limit: string };
  handle(input: unknown, context: OperationContext<unknown>): unknown;
}

/** A strong ETag of `text`: SHA-256, so equal bodies, and only they, share it. */
export function etagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url')}"`;
}

/** Below this, compressing saves less than its headers cost. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * Compressed revalidated answers by encoding and ETag: every visitor of the search page asks for the same
 * collèges list, so it is compressed once (a few ms for brotli), not per request.
 */
const compressedBodies = new BoundedMemo<string, Buffer>(32);

/** Brotli whenever accepted (browsers list gzip first without preferring it), else gzip; nothing without the header. */
function chosenEncoding(req: Request): 'br' | 'gzip' | undefined {
  if (!req.headers['accept-encoding']) return undefined;
  return (['br', 'gzip'] as const).find((encoding) => req.acceptsEncodings(encoding) === encoding);
}

/**
 * A revalidated answer: `text` with its ETag (`etag`, computed once by a caller
 * whose text never changes, else here) and `cacheControl` (no-cache by
 * default, so the browser keeps it but asks each time); 304 without the body
 * when the request's `If-None-Match` names it. Express's `req.fresh` compares
 * as RFC 9110 says (a reload, `Cache-Control: no-cache`, gets the whole body).
 * Compressed (brotli or gzip, as the browser accepts) from 1 kB: each encoding
 * is a representation of its own, with its own ETag (`"…-br"`).
 */
export function sendRevalidated(
  req: Request,
  res: Response,
  text: string,
  options: { type: string; etag?: string; cacheControl?: string },
): void {
  const etag = options.etag ?? etagOf(text);
  const encoding = Buffer.byteLength(text) >= COMPRESS_FROM_BYTES ? chosenEncoding(req) : undefined;
  res.setHeader('Cache-Control', options.cacheControl ?? 'no-cache');
  res.vary('Accept-Encoding');
  res.setHeader('ETag', encoding ? `${etag.slice(0, -1)}-${encoding}"` : etag);
  if (req.fresh) return void res.status(304).end();
  res.type(options.type);
  if (!encoding) return void res.send(text);
  res.setHeader('Content-Encoding', encoding);
  res.send(
    compressedBodies.get(`${encoding} ${etag}`, () =>
      encoding === 'br'
        ? brotliCompressSync(text, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } })
        : gzipSync(text, { level: 9 }),
    ),
  );
}

/**
 * `res.json(body)` for the plain case, with the same status, headers and bytes: Express's version parses
 * and rewrites the content type through mime lookups at every answer, which is measurable on the search,
 * the hot path. Anything else (a HEAD, a conditional request Express would answer 304, a content type a
 * handler set, JSON settings of the app, no JSON text) goes the Express way.
 */
function sendJson(req: Request, res: Response, body: unknown): void {
  const text = JSON.stringify(body) as string | undefined;
  const plain =
    text !== undefined &&
    req.method !== 'HEAD' &&
    res.statusCode !== 204 &&
    res.statusCode !== 205 &&
    res.statusCode !== 304 &&
    res.getHeader('content-type') === undefined &&
    res.getHeader('transfer-encoding') === undefined &&
    !req.app.get('json replacer') &&
    !req.app.get('json spaces') &&
    !req.app.get('json escape') &&
    !req.fresh;
  if (!plain) return void res.json(body);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', String(Buffer.byteLength(text)));
  res.end(text);
}

function send(req: Request, res: Response, shape: OperationShape, result: unknown): void {
  const { body, options } = result instanceof Reply ? result : { body: result, options: {} as ReplyOptions };
  const status = options.status ?? shape.success.status;
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
  if (options.attachment) res.attachment(options.attachment);
  res.status(status);
  if (status === 204) res.end();
  // Private: the answer may depend on the caller; each browser keeps its own and asks again each time.
  else if (shape.success.json && shape.revalidate && status === 200)
    sendRevalidated(req, res, JSON.stringify(body), { type: 'json', cacheControl: 'private, no-cache' });
  else if (shape.success.json) sendJson(req, res, body);
  else {
    if (shape.success.mediaType && !res.getHeader('content-type'))
      res.setHeader('content-type', shape.success.mediaType);
    res.send(body);
  }
}

function routeHandler(
  shape: OperationShape,
  implementation: LooseImplementation,
  grant: AccessPolicy[string]['grant'],
): RequestHandler {
  return async (req, res) => {
    const access: unknown = await grant(req, res);
    const input = {
      params: shape.params ? parseRequest(shape.params, req.params, 'params') : undefined,
      query: shape.query ? parseRequest(shape.query, req.query, 'query') : undefined,
      body: implementation.rawBody
        ? Buffer.isBuffer(req.body)
          ? req.body
          : Buffer.alloc(0)
        : shape.body
          ? parseRequest(shape.body, req.body)
          : undefined,
    };
    const result = await implementation.handle(input, {
      requestId: res.locals.requestId,
      access,
      request: req,
    });
    send(req, res, shape, result);
  };
}

/**
 * The Express routes of a service's operation table: each parses its input
 * with the operation's schemas, applies its access rule and answers the
 * handler's result with the described status. Operations that read raw bytes
 * go in `rawRoutes` (before JSON parsing), the others in `routes`.
 */
export function operationRoutes<T extends OperationTable, P extends AccessPolicy>(
  table: T,
  implementations: OperationImplementations<T, P>,
  policy: P,
): { rawRoutes(router: Router): void; routes(router: Router): void } {
  const names = Object.keys(table);
  const extra = Object.keys(implementations).filter((name) => !(name in table));
  const missing = names.filter((name) => !(name in implementations));
  if (extra.length || missing.length)
    throw new Error(
      `operation handlers do not match the table: missing ${missing.join(', ') || 'none'}, extra ${extra.join(', ') || 'none'}`,
    );
  const mount = (router: Router, raw: boolean) => {
    for (const name of names) {
      const shape = table[name] as OperationShape;
      const implementation = (implementations as Record<string, LooseImplementation>)[name] as LooseImplementation;
      if (Boolean(implementation.rawBody) !== raw) continue;
      const rule = policy[implementation.access];
      if (!rule) throw new Error(`operation ${name} has an unknown access rule ${implementation.access}`);
      const bodyParser = implementation.rawBody
        ? [express.raw({ type: () => true, limit: implementation.rawBody.limit })]
        : [];
      router[shape.method](
        shape.path,
        ...(rule.middleware ?? []),
        ...bodyParser,
        routeHandler(shape, implementation, rule.grant.bind(rule)),
      );
    }
  };
  return { rawRoutes: (router) => mount(router, true), routes: (router) => mount(router, false) };
}
