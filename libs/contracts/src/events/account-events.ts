import { z } from 'zod';
import { displayName, entityId } from './event-fields';

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
 * The département's admins' addresses (the gateway makes a ProConnect agent
 * with one of them an admin), announced by the gateway at start when they
 * differ from the last announcement: the notification service tells them
 * what admins must look at. The whole list each time.
 */
export const departmentAdminsChangedV1 = z.object({
  emails: z.array(z.email().max(254)).max(200),
});
