import type { Response } from 'express';
import {
  accessFromInternalToken,
  internalAuthentication,
  requireAccess,
  requireAdmin,
  type CallerAccess,
  type TokenVerifier,
} from '@salle/auth';
import type { notificationOperations } from '@salle/contracts';
import type { OperationImplementations } from '@salle/http';
import type { Logger } from '@salle/runtime';

/**
 * The notification service's access rules, by name. It owns no memberships:
 * what the caller acts for comes in the gateway's internal token (claim
 * `access`), and whose booking it is from the booking events
 * (`notification.booking_fact`), so finer checks stay in the handlers.
 */
export function notificationAccessPolicy(verifier: TokenVerifier, logger: Logger) {
  const signedIn = [internalAuthentication(verifier), accessFromInternalToken(logger)];
  return {
    anyone: { grant: () => undefined },
    signedIn: { middleware: signedIn, grant: (_req: unknown, res: Response): CallerAccess => requireAccess(res) },
    admin: {
      middleware: signedIn,
      grant: (_req: unknown, res: Response): CallerAccess => {
        const access = requireAccess(res);
        requireAdmin(access);
        return access;
      },
    },
  };
}

export type NotificationAccessPolicy = ReturnType<typeof notificationAccessPolicy>;

/** One handler per operation of the notification table. */
export type NotificationHandlers = OperationImplementations<typeof notificationOperations, NotificationAccessPolicy>;
