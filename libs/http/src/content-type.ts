import type { RequestHandler } from 'express';
import { AppError } from './errors';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  if (headers['transfer-encoding'] !== undefined) return true;
  return length !== undefined && length !== '0';
}

/** A request that carries a body must say it is JSON: anything else is a 415. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (BODY_METHODS.has(req.method) && hasBody(req.headers) && !req.is(['application/json', 'application/*+json'])) {
    return next(
      new AppError(415, 'unsupported_media_type', 'Le corps de la requête doit être du JSON (application/json).', {
        detail: `Type reçu\u00a0: ${req.get('content-type') ?? 'aucun'}.`,
      }),
    );
  }
  next();
};
