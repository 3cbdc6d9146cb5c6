import { z } from 'zod';
import { displayName, entityId, instant } from './event-fields';

/**
 * The e-mail that FranceConnect or ProConnect gave an account, announced by
 * the gateway when an account first logs in with one and whenever it
 * changes: the notification service keeps it to tell the account's
 * organisations and collèges, without reading the gateway's tables.
 */
export const accountContactChangedV1 = z.object({
  accountId: entityId,
  email: z.email().max(254),
  displayName,
});

/**
 * An account nobody logged in to for RETENTION_INACTIVE_ACCOUNT_YEARS was marked by the gateway's retention job:
 * the notification service warns the person (at the contact it knows for the account) that it will be erased at
 * `erasureAt` unless they log in before.
 */
export const accountInactivityWarnedV1 = z.object({
  accountId: entityId,
  erasureAt: instant,
});

/**
 * The département's admins' addresses (the gateway makes a ProConnect agent
 * with one of them an admin), announced by the gateway at start when they
 * differ from the last announcement: the notification service tells them
 * what admins must look at. The whole list each time.
 */
export const departmentAdminsChangedV1 = z.object({
  emails: z.array(z.email().max(254)).max(200),
});
