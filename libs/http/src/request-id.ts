import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

declare module 'express-serve-static-core' {
  // Express's `res.locals`, typed where each entry is written (here, the http lib's own entries).
  interface Locals {
    /** This request's id, set by `requestId`, which `createHttpApp` mounts before any route. */
    requestId: string;
    /** The route label of a request no Express route matches, set by `labelRoute`. */
    metricsRoute?: string;
  }
}

export const REQUEST_ID_HEADER = 'x-request-id';

// Accept a caller's id only if it looks like one: it is echoed in logs and headers.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Takes the caller's `x-request-id` (the gateway or a load balancer) or makes
 * one, exposes it as `res.locals.requestId` and echoes it in the response, so
 * one id follows a request across services.
 */
export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get(REQUEST_ID_HEADER);
  const id = incoming && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
};
