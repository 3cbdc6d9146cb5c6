import type { Request, RequestHandler, Response } from 'express';
import { AppError, unauthorized } from '@salle/http';
import type { Caller } from './internal-token';
import type { TokenVerifier } from './token-verifier';

declare module 'express-serve-static-core' {
  // Express's `res.locals`, typed where each entry is written.
  interface Locals {
    /** The verified internal token's caller, set by `internalAuthentication`; undefined for a visitor. */
    caller?: Caller;
  }
}

const invalidToken = () =>
  new AppError(401, 'invalid_internal_token', 'L’authentification de la requête a échoué. Reconnectez-vous.');

/**
 * Reads the internal token from `Authorization: Bearer`. A request without
 * one is a visitor (`res.locals.caller` stays undefined); a request with a
 * bad one is refused with 401, never treated as a visitor.
 */
export function internalAuthentication(verifier: TokenVerifier): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (!header) return next();
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
    if (!match?.[1]) return next(invalidToken());
    try {
      res.locals.caller = await verifier.verify(match[1]);
      next();
    } catch {
      next(invalidToken());
    }
  };
}

/** The authenticated caller, or a 401 for visitors. */
export function requireCaller(res: Response): Caller {
  const caller = res.locals.caller;
  if (!caller) throw unauthorized();
  return caller;
}

export function optionalCaller(res: Response): Caller | undefined {
  return res.locals.caller;
}

export type { Request };
