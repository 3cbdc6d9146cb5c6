import type { PaymentChoice, PublicPayer } from '@salle/contracts';
import { invalidFields } from '@salle/http';
import type { Access } from '../access/access';
import type { Actor } from '../domain/lifecycle';
import type { Submitted } from './booking-parties';
import type { JournalActor } from './booking-journal';

/** What a request entered by the collège's staff adds to a member's: where, how it is paid, and the approval. */
export interface StaffEntry {
  establishmentId: string;
  paymentChoice: PaymentChoice;
  /** Approve in the same transaction, as this actor, with this message to the organisation. */
  approval: { actor: Actor; message?: string } | null;
}

/** Who submits a request the collège's staff enter: the manager (or admin) of that collège, for the organisation. */
export interface StaffSubmitter {
  requestedBy: string;
  journal: JournalActor;
  requestId?: string;
  staff: StaffEntry;
}

/**
 * The submitter of a one-off booking or a series entered for `input.organisationId`: refused unless the caller
 * manages the collège; journalled on the organisation's behalf; approved at once, as that caller, when asked.
 */
export function staffSubmitter(
  establishmentId: string,
  input: { organisationId: string; paymentChoice: PaymentChoice; approve?: boolean; message?: string },
  access: Access,
  requestId?: string,
): StaffSubmitter {
  const caller = access.requireManagerOf(establishmentId);
  const actor: Actor = access.isAdmin ? { kind: 'admin' } : { kind: 'establishment_manager', establishmentId };
  const journal: JournalActor = {
    accountId: caller.accountId,
    role: access.isAdmin ? 'department_admin' : 'establishment_manager',
    onBehalfOf: input.organisationId,
  };
  return {
    requestedBy: caller.accountId,
    journal,
    requestId,
    staff: {
      establishmentId,
      paymentChoice: input.paymentChoice,
      approval: input.approve ? { actor, message: input.message } : null,
    },
  };
}

/** Whether a request is entered by the collège's staff (who vouch for a record pending verification) or a member's. */
export const submittedBy = (staff: StaffEntry | undefined): Submitted => (staff ? 'by_staff' : 'by_member');

/**
 * Whether the payment chosen on the organisation's behalf fits the request: an invoice for a public payer
 * (whose identifiers `checkPublicPayer` has checked) and only for one; a free booking is not paid at all,
 * so any choice is accepted and none is acted upon.
 */
export function checkPaymentChoice(choice: PaymentChoice, payer: PublicPayer | null, totalCents: number): void {
  if (totalCents === 0) return;
  if (choice === 'invoice' && !payer)
    invalidFields([
      {
        field: 'paymentChoice',
        message:
          'la facture est réservée aux payeurs publics (communes)\u00a0: choisissez le paiement en ligne ou au guichet',
      },
    ]);
  if (choice !== 'invoice' && payer)
    invalidFields([{ field: 'paymentChoice', message: 'un payeur public est payé sur facture' }]);
}
