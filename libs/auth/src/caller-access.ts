import type { RequestHandler, Response } from 'express';
import { decodeJwt } from 'jose';
import { INTERNAL_ACCESS_CLAIM, internalAccessClaimSchema } from '@salle/contracts';
import { forbidden, unauthorized } from '@salle/http';
import type { Logger } from '@salle/runtime';
import type { Caller } from './internal-token';

/**
 * What the caller acts for, in services that own no memberships (payment,
 * notification): the gateway, which reads them from the booking service's
 * `GET /me`, puts them in the internal token it mints for these services
 * (claim `access`). Bookings and collèges come with their organisation and
 * establishment ids in the booking events, so "may pay", "may see" and
 * "manages" are decided there without reading another service's tables.
 */
export interface CallerAccess {
  caller: Caller;
  isAdmin: boolean;
  organisations: ReadonlySet<string>;
  establishments: ReadonlySet<string>;
}

declare module 'express-serve-static-core' {
  // Express's `res.locals`, typed where each entry is written.
  interface Locals {
    /** What the caller acts for, set by `accessFromInternalToken`; undefined for a visitor. */
    callerAccess?: CallerAccess;
  }
}

/**
 * Reads the `access` claim of the internal token, after `internalAuthentication`
 * verified it (same header): decoding without a second verification is safe
 * because a token that failed verification never reaches this middleware with
 * a caller. A token without the claim gives no organisation and no collège.
 */
export function accessFromInternalToken(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const { caller } = res.locals;
    if (!caller) return next();
    const token = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '')?.[1];
    let organisations: string[] = [];
    let establishments: string[] = [];
    try {
      const parsed = internalAccessClaimSchema.safeParse(token ? (decodeJwt(token)[INTERNAL_ACCESS_CLAIM] ?? {}) : {});
      if (parsed.success) ({ organisations, establishments } = parsed.data);
      else
        logger.warn(
          { account: caller.accountId },
          'internal token with a malformed access claim: no organisation, no collège',
        );
    } catch {
      // decodeJwt cannot fail on a token the verifier accepted; stay with no access.
    }
    const access: CallerAccess = {
      caller,
      isAdmin: caller.roles.includes('department_admin'),
      organisations: new Set(organisations),
      establishments: new Set(establishments),
    };
    res.locals.callerAccess = access;
    next();
  };
}

export function requireAccess(res: Response): CallerAccess {
  const access = res.locals.callerAccess;
  if (!access) throw unauthorized();
  return access;
}

export function managesEstablishment(access: CallerAccess, establishmentId: string): boolean {
  return access.isAdmin || access.establishments.has(establishmentId);
}

export function requireManagerOf(access: CallerAccess, establishmentId: string): void {
  if (!managesEstablishment(access, establishmentId)) throw forbidden('Vous ne gérez pas cet établissement.');
}

export function requireAdmin(access: CallerAccess): void {
  if (!access.isAdmin) throw forbidden('Réservé aux agents du département.');
}

/** The organisation's members, the collège's managers and the département's admins may see a booking's payment and messages. */
export function maySeeBooking(
  access: CallerAccess,
  booking: { organisationId: string; establishmentId: string },
): boolean {
  return access.organisations.has(booking.organisationId) || managesEstablishment(access, booking.establishmentId);
}
