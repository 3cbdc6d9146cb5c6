import type { Response } from 'express';
import { establishmentPathSchema, type paymentOperations } from '@salle/contracts';
import { parseRequest, type OperationImplementations } from '@salle/http';
import type { Logger } from '@salle/runtime';
import {
  accessFromInternalToken,
  internalAuthentication,
  requireAccess,
  requireAdmin,
  requireManagerOf,
  type CallerAccess,
  type TokenVerifier,
} from '@salle/auth';

/**
 * The payment service's access rules, by name: what each operation of the
 * table requires before its input is read. Finer checks that need the input
 * (the booking's parties) stay in the handlers.
 */
export function paymentAccessPolicy(verifier: TokenVerifier, logger: Logger) {
  const signedIn = [internalAuthentication(verifier), accessFromInternalToken(logger)];
  const admin = (res: Response): CallerAccess => {
    const access = requireAccess(res);
    requireAdmin(access);
    return access;
  };
  return {
    anyone: { grant: () => undefined },
    /** The provider proves itself by signing the body: the handler checks it. */
    provider: { grant: () => undefined },
    signedIn: { middleware: signedIn, grant: (_req: unknown, res: Response) => requireAccess(res) },
    /** Managers of the collège named by the path's `establishmentId`, and admins: a malformed id is a 400 before the 403. */
    establishmentManager: {
      middleware: signedIn,
      grant: (req: { params: unknown }, res: Response) => {
        const access = requireAccess(res);
        requireManagerOf(access, parseRequest(establishmentPathSchema, req.params, 'params').establishmentId);
        return access;
      },
    },
    admin: { middleware: signedIn, grant: (_req: unknown, res: Response) => admin(res) },
  };
}

export type PaymentAccessPolicy = ReturnType<typeof paymentAccessPolicy>;

/** One handler per operation of the payment table. */
export type PaymentHandlers = OperationImplementations<typeof paymentOperations, PaymentAccessPolicy>;
