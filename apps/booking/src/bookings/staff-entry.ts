import type { PaymentChoice, PublicPayer } from '@salle/contracts';
import { invalidFields } from '@salle/http';
import type { Actor } from '../domain/lifecycle';

/** What a request entered by the collège's staff adds to a member's: where, how it is paid, and the approval. */
export interface StaffEntry {
  establishmentId: string;
  paymentChoice: PaymentChoice;
  /** Approve in the same transaction, as this actor, with this message to the organisation. */
  approval: { actor: Actor; message?: string } | null;
}

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
