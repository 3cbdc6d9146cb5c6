import http from 'node:http';
import type { RequestHandler } from 'express';
import type { Caller, TokenIssuer } from '@salle/auth';
import { labelRoute, notFoundHandler, sendProblem } from '@salle/http';
import { injectTraceHeaders, type Logger } from '@salle/runtime';

export interface ServiceProxyOptions {
  /** The service's name: the audience of the internal tokens minted for it. */
  service: string;
  /** Base URL of the service, e.g. http://127.0.0.1:3001. */
  target: string;
  issuer: TokenIssuer;
  /** The caller of this request, when a session exists. */
  caller: (res: Parameters<RequestHandler>[1]) => Caller | undefined;
  /** Extra claims for the token of this request (what the service needs of the caller). */
  claims?: (res: Parameters<RequestHandler>[1], caller: Caller) => Promise<Record<string, unknown>>;
  /** An upstream silent for this long (connecting, or between two chunks) is abandoned. */
  timeoutMs: number;
  logger: Logger;
}

// RFC 9110 §7.6.1 hop-by-hop headers, plus what the services must never see or
// set: browser cookies, anything claiming to authenticate, forwarding headers
// we set ourselves.
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade'];
const DROPPED_REQUEST_HEADERS = new Set([
  ...HOP_BY_HOP,
  'host',
  'cookie',
  'authorization',
  'proxy-authorization',
  'x-internal-token',
  'x-csrf-token',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'forwarded',
  'x-real-ip',
  // The trace context is ours to set (below), never the browser's.
  'traceparent',
  'tracestate',
]);
const DROPPED_RESPONSE_HEADERS = new Set([...HOP_BY_HOP, 'set-cookie']);

/**
 * A service's operational endpoints, for operators only: its metrics (business
 * volumes) and its readiness (which dependencies are down). Never proxied, even
 * spelt in capitals, percent-encoded or behind doubled slashes. `/healthz`
 * answers a constant and stays reachable.
 */
const INTERNAL_PATH = /^\/+(metrics|readyz)(?![a-z0-9_-])/;

export function isInternalPath(url: string): boolean {
  const path = (url.split('?')[0] ?? '').toLowerCase();
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape: judged on the raw path.
  }
  return INTERNAL_PATH.test(path) || INTERNAL_PATH.test(decoded);
}

function connectionListed(headers: http.IncomingHttpHeaders): Set<string> {
  const value = headers['connection'];
  return new Set(
    (Array.isArray(value) ? value.join(',') : (value ?? ''))
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
}

/**
 * Forwards `<mount>/*` to a service, streaming both bodies untouched (the
 * request body is never parsed here). The service receives an internal token
 * minted for it when a session exists, the request id, and none of the
 * browser's cookies or credentials; its Set-Cookie headers are dropped. Its
 * operational endpoints (metrics, readiness) are answered 404 here.
 */
export function serviceProxy(options: ServiceProxyOptions): RequestHandler {
  const target = new URL(options.target);
  const basePath = target.pathname.replace(/\/+$/, '');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 10_000 });

  return async (req, res, next) => {
    // Counted as one route per mount (e.g. /api/booking/*): the service's own metrics have its routes.
    labelRoute(res, `${req.baseUrl}/*`);
    if (isInternalPath(req.url)) return notFoundHandler(req, res, next);
    let token: string | undefined;
    try {
      const caller = options.caller(res);
      if (caller) token = await options.issuer.mint(caller, options.service, await options.claims?.(res, caller));
    } catch (error) {
      return next(error);
    }

    const { requestId } = res.locals;
    const headers: http.OutgoingHttpHeaders = {};
    const listed = connectionListed(req.headers);
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !DROPPED_REQUEST_HEADERS.has(name) && !listed.has(name)) headers[name] = value;
    }
    headers['host'] = target.host;
    headers['x-request-id'] = requestId;
    headers['x-forwarded-for'] = req.ip ?? req.socket.remoteAddress ?? '';
    headers['x-forwarded-proto'] = req.protocol;
    if (token) headers['authorization'] = `Bearer ${token}`;
    injectTraceHeaders(headers);

    const upstream = http.request({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: `${basePath}${req.url}`,
      headers,
      agent,
    });

    const fail = (status: 502 | 504, code: string, title: string, reason: string) => {
      options.logger.warn({ service: options.service, requestId, reason }, 'proxied request failed');
      if (!res.headersSent) sendProblem(res, { status, code, title, instance: req.originalUrl });
      else res.destroy();
    };

    upstream.setTimeout(options.timeoutMs, () => {
      upstream.destroy(new Error('upstream timeout'));
    });
    upstream.on('error', (error) => {
      if (res.writableEnded || res.destroyed) return;
      if (error.message === 'upstream timeout') {
        fail(
          504,
          'upstream_timeout',
          'Le service n’a pas répondu à temps. Réessayez dans quelques instants.',
          error.message,
        );
      } else {
        fail(
          502,
          'upstream_unavailable',
          'Le service est momentanément indisponible. Réessayez dans quelques instants.',
          error.message,
        );
      }
    });
    upstream.on('response', (answer) => {
      const answerListed = connectionListed(answer.headers);
      res.status(answer.statusCode ?? 502);
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !DROPPED_RESPONSE_HEADERS.has(name) && !answerListed.has(name))
          res.setHeader(name, value);
      }
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    // The browser went away: stop the upstream work too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    // The service answered before reading the whole body (a 413, a 415): what is
    // left is read and dropped, as Node does for its own early answers, so that
    // the client, still sending, is not stalled by a pipe that stopped.
    res.on('finish', () => {
      if (req.complete) return;
      req.unpipe(upstream);
      upstream.destroy();
      req.resume();
    });
    req.pipe(upstream);
  };
}
