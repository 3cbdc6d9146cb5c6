import type { RequestHandler, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { bookingOperations } from '@salle/contracts';
import type { OperationImplementations } from '@salle/http';
import type { Access } from './access';
import { accessOf } from './access-middleware';

/**
 * The booking service's access rules, by name: what each operation requires
 * before its input is read. The internal token was verified by the
 * authentication middleware before any of them; finer checks that need the
 * input (a manager of this collège, a party to this booking) stay in the
 * domain classes, which receive the caller's `Access`.
 */
export function bookingAccessPolicy(dataSource: DataSource, verifyToken: RequestHandler) {
  return {
    /** Anyone, without loading what the caller may do (the search: the hot path). */
    public: { grant: () => undefined },
    /** Anyone, visitors included: what they may see depends on their `Access`. */
    anyone: { grant: (_req: unknown, res: Response) => accessOf(res, dataSource) },
    /**
     * Anyone, for the operations that read their body as bytes (uploads): they are mounted before the JSON
     * parser and the service-wide token check, so their route verifies the token itself.
     */
    anyoneRawBody: {
      middleware: [verifyToken],
      grant: (_req: unknown, res: Response) => accessOf(res, dataSource),
    },
    signedIn: {
      grant: async (_req: unknown, res: Response) => {
        const access = await accessOf(res, dataSource);
        access.requireCaller();
        return access;
      },
    },
    admin: {
      grant: async (_req: unknown, res: Response) => {
        const access = await accessOf(res, dataSource);
        access.requireAdmin();
        return access;
      },
    },
  };
}

export type BookingAccessPolicy = ReturnType<typeof bookingAccessPolicy>;

/** One handler per operation of the booking table. */
export type BookingHandlers = OperationImplementations<typeof bookingOperations, BookingAccessPolicy>;

/** Handlers of some operations of the table: what one module serves. */
export type BookingModuleHandlers<K extends keyof BookingHandlers> = Pick<BookingHandlers, K>;

export type { Access };
