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
