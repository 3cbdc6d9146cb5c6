import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { csrfOriginMismatch, csrfOriginMissing, csrfTokenMissing } from '../errors';
import { currentSession } from '../sessions/session-middleware';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const CSRF_HEADER = 'x-csrf-token';

/** The origin a browser says the request comes from: `Origin`, or else the origin of `Referer`. */
export function requestOrigin(req: Request): string | undefined {
  const origin = req.get('origin');
  if (origin && origin !== 'null') return origin;
  // Under `Referrer-Policy: no-referrer` a browser sends `Origin: null` for our own form posts;
  // `Sec-Fetch-Site` (which pages cannot set) still tells a same-origin request apart.
  if (origin === 'null' && req.get('sec-fetch-site') === 'same-origin') return `${req.protocol}://${req.get('host')}`;
  const referer = req.get('referer');
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

export function sameToken(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * State-changing /api calls must come from our own pages: a same-origin
 * `Origin` (or `Referer`) AND either a custom header (`X-Requested-With`,
 * which a cross-site form cannot send without a CORS preflight we never
 * grant) or the session's CSRF token in `X-CSRF-Token`.
 */
export function csrfProtection(publicOrigin: string): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = requestOrigin(req);
    if (!origin) return next(csrfOriginMissing());
    if (origin !== publicOrigin) return next(csrfOriginMismatch());
    const customHeader = Boolean(req.get('x-requested-with')?.trim());
    if (!customHeader && !sameToken(req.get(CSRF_HEADER), currentSession(res)?.csrfToken)) {
      return next(csrfTokenMissing());
    }
    next();
  };
}
