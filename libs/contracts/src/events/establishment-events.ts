import { z } from 'zod';
import { displayName, entityId } from './event-fields';

/** The collège's payout account is onboarded: paid bookings may be offered. Produced by the payment service. */
export const establishmentPayoutReadyV1 = z.object({
  establishmentId: entityId,
  /** The connected account's id at the payment provider (Stripe `acct_...`). */
  accountId: z.string().min(1).max(255),
});

/**
 * Who speaks for a collège, as a whole: its contact address and the accounts
 * of its managers (their e-mails come from the gateway's
 * `account.contact_changed`). Produced by the booking service whenever either
 * changes, and once for collèges written outside its API (seed, SQL, a
 * ProConnect agent matched by SIRET): a consumer replaces what it knew.
 */
export const establishmentContactsChangedV1 = z.object({
  establishmentId: entityId,
  contactEmail: z.email().max(254).nullable(),
  managerAccountIds: z.array(entityId).max(1_000),
});

/**
 * A département admin invited an agent by professional e-mail to manage a collège: the notification service
 * e-mails the invitation, with the link to log in with ProConnect (the agent becomes a manager at that login).
 * Produced by the booking service once per invitation (inviting the same address again announces nothing).
 */
export const establishmentManagerInvitedV1 = z.object({
  invitationId: entityId,
  establishmentId: entityId,
  establishmentName: displayName,
  email: z.email().max(254),
  /** The admin who invited, as their account names them. */
  inviterName: displayName,
});

/**
 * An agent became, or stopped being, a manager of a collège (SIRET match, accepted invitation, revocation).
 * Produced by the booking service in the transaction of the change; the gateway forgets the access it kept
 * for that account, so that a revocation holds at the account's next request rather than up to 30 s later.
 */
export const establishmentManagersChangedV1 = z.object({
  establishmentId: entityId,
  accountId: entityId,
  change: z.enum(['granted', 'revoked']),
});
