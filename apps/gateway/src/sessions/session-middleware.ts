import type { RequestHandler, Response } from 'express';
import type { Cookies } from './cookies';
import type { Session, SessionStore } from './session-store';

declare module 'express-serve-static-core' {
  // Express's `res.locals`, typed where each entry is written.
  interface Locals {
    /** The browser's live session, set by `loadSession`; undefined without one. */
    session?: Session;
  }
}

/** Loads the browser's session (renewing its idle expiry) into `res.locals.session`; forged or expired cookies are cleared. */
export function loadSession(sessions: SessionStore, cookies: Cookies): RequestHandler {
  return async (req, res, next) => {
    try {
      const id = cookies.read(req, cookies.names.session);
      if (id === undefined) return next();
      const session = await sessions.touch(id);
      if (session) res.locals.session = session;
      else cookies.clear(res, cookies.names.session);
      next();
    } catch (error) {
      next(error);
    }
  };
}

export function currentSession(res: Response): Session | undefined {
  return res.locals.session;
}
