/**
 * What an approved booking or series shows instead of « Payer » while its convention awaits signatures
 * (CONVENTION_SIGNING=before_payment: the booking service says so with `awaitingSignatures`).
 */
export const PAYMENT_AFTER_SIGNATURES =
  'Paiement possible une fois la convention signée par toutes les parties (l’organisation, le collège puis le département).';
