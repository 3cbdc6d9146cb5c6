import { frenchEuros, type InvoiceStatus } from '@salle/contracts';
import { AppError } from '@salle/http';

/**
 * Every error the payment service answers with, one factory per stable code:
 * the HTTP status and the French title are written here and nowhere else.
 * Codes shared by every service (`forbidden`, `unauthenticated`,
 * `validation_failed`) keep their factories in `@salle/http`.
 */

// What the caller may see of a booking.
export const bookingNotFound = () => new AppError(404, 'booking_not_found', 'Réservation introuvable.');

/** Unknown, free, not yet approved, or someone else's: answered alike, so that no answer tells a stranger it exists. */
export const bookingNotPayable = () =>
  new AppError(
    404,
    'booking_not_payable',
    'Cette réservation n’est pas à payer en ligne (inconnue, gratuite ou pas encore approuvée).',
  );

/**
 * Same code as `bookingNotPayable`, kept for clients that branch on it, but a
 * 409: the caller's own booking was cancelled or expired.
 */
export const bookingNoLongerPayable = () =>
  new AppError(
    409,
    'booking_not_payable',
    'Cette réservation a été annulée ou a expiré\u00a0: elle ne peut plus être payée.',
  );

export const receiptNotAvailable = () =>
  new AppError(404, 'receipt_not_available', 'Aucun paiement accepté pour cette réservation\u00a0: pas de reçu.');

// Invoices to public payers.
export const invoiceNotFound = () =>
  new AppError(404, 'invoice_not_found', 'Aucune facture pour cette réservation (ou elle n’est pas la vôtre).');
export const invoiceNotPayable = (status: InvoiceStatus) =>
  new AppError(
    409,
    'invoice_not_payable',
    status === 'paid'
      ? 'Cette facture est déjà payée.'
      : 'Cette facture a été annulée par un avoir\u00a0: elle n’est plus à payer.',
  );
export const creditNoteNotAvailable = () =>
  new AppError(409, 'credit_note_not_available', 'Cette facture n’a pas été annulée\u00a0: il n’y a pas d’avoir.');

// Opening a checkout.
export const bookingAlreadyPaid = () => new AppError(409, 'booking_already_paid', 'Cette réservation est déjà payée.');
export const paymentDeadlinePassed = () =>
  new AppError(409, 'payment_deadline_passed', 'Le délai de paiement de cette réservation est dépassé.');
export const payoutAccountNotReady = () =>
  new AppError(
    409,
    'payout_account_not_ready',
    'Le collège n’a pas encore activé son compte de versement\u00a0: le paiement en ligne de cette réservation n’est pas possible pour l’instant.',
  );
export const onlinePaymentNotOffered = () =>
  new AppError(
    409,
    'online_payment_not_offered',
    'Ce collège ne propose pas le paiement en ligne\u00a0: il vous indiquera comment régler la réservation.',
  );
/** PayFiP sends its payment ticket to the payer: the field is named so that the form can ask for it. */
export const payerEmailRequired = () =>
  new AppError(
    400,
    'payer_email_required',
    'Indiquez l’adresse électronique à laquelle PayFiP enverra le justificatif de paiement.',
    { detail: 'payerEmail' },
  );
export const paymentProcessing = () =>
  new AppError(
    409,
    'payment_processing',
    'Un paiement par prélèvement est en cours de traitement pour cette réservation.',
  );
export const checkoutClosing = () =>
  new AppError(
    409,
    'checkout_closing',
    'La session de paiement de cette réservation se termine\u00a0: réessayez dans quelques minutes.',
  );
// Payments received at the collège's counter (its régie).
export const counterAmountMismatch = (dueCents: number) =>
  new AppError(
    422,
    'counter_amount_mismatch',
    'Le montant encaissé doit être égal au montant dû\u00a0: un paiement partiel ou supérieur ne peut pas être enregistré.',
    { detail: `Montant dû\u00a0: ${frenchEuros(dueCents)}.` },
  );
export const counterReceivedInFuture = () =>
  new AppError(
    422,
    'counter_received_in_future',
    'La date d’encaissement ne peut pas être postérieure à aujourd’hui.',
    {
      detail: 'receivedOn',
    },
  );
export const quittanceAlreadyRecorded = () =>
  new AppError(
    409,
    'quittance_already_recorded',
    'Ce numéro de quittance est déjà enregistré pour un autre paiement de ce collège.',
  );
export const onlinePaymentUnderWay = () =>
  new AppError(
    409,
    'online_payment_under_way',
    'Un paiement en ligne de cette réservation est en cours\u00a0: attendez qu’il aboutisse ou que sa session expire (30\u00a0minutes au plus) avant d’encaisser au guichet.',
  );
export const notCollegeStaff = () =>
  new AppError(403, 'forbidden', 'Seul le collège (ou le département) enregistre un paiement reçu au guichet.');

// Paying a series' period as one item.
export const seriesPaymentNotFound = () =>
  new AppError(404, 'series_payment_not_found', 'Aucune séance de cette série n’est à payer en ligne.');
/** Unknown, free, not yet approved, or someone else's: answered alike, as for a booking. */
export const periodNotPayable = () =>
  new AppError(
    404,
    'period_not_payable',
    'Cette période de la série n’est pas à payer en ligne (inconnue, gratuite ou pas encore approuvée).',
  );
export const periodNothingToPay = () =>
  new AppError(
    409,
    'period_nothing_to_pay',
    'Aucune séance de cette période n’attend de paiement : elles sont payées, annulées ou libérées.',
  );
export const periodPaymentInProgress = () =>
  new AppError(
    409,
    'period_payment_in_progress',
    'Cette séance se paie avec sa période, dont un paiement est en cours : suivez-le depuis la page de la série.',
  );
export const checkoutNotOpen = () =>
  new AppError(409, 'checkout_not_open', 'La session de paiement n’a pas pu être ouverte. Réessayez.');
export const checkoutRefused = () =>
  new AppError(
    502,
    'checkout_refused',
    'Le prestataire de paiement a refusé de créer le paiement. Le support a été prévenu.',
  );

// The payment provider.
export const paymentProviderUnavailable = (cause?: unknown) =>
  new AppError(
    503,
    'payment_provider_unavailable',
    'Le service de paiement ne répond pas. Réessayez dans quelques instants.',
    { cause, headers: { 'retry-after': '5' } },
  );
export const paymentProviderRefused = (detail: string, cause?: unknown) =>
  new AppError(502, 'payment_provider_refused', 'Le prestataire de paiement a refusé la demande.', {
    cause,
    detail,
  });
export const payfipNotificationMalformed = () =>
  new AppError(400, 'payfip_notification_malformed', 'La notification PayFiP ne désigne aucune opération lisible.');
export const invalidSignature = (detail: string) =>
  new AppError(400, 'invalid_signature', 'La signature du webhook est invalide.', { detail });

// Payout accounts, flags and the ledger.
export const payoutAccountMissing = () =>
  new AppError(
    404,
    'payout_account_missing',
    'Ce collège n’a pas encore de compte de versement\u00a0: créez-le d’abord.',
  );
export const flagNotFound = () => new AppError(404, 'flag_not_found', 'Signalement introuvable.');
export const flagWithoutPayer = () =>
  new AppError(
    409,
    'flag_without_payer',
    'Ce signalement ne concerne aucune réservation connue\u00a0: aucun organisme payeur à contacter.',
  );
export const notFlagManager = () =>
  new AppError(
    403,
    'forbidden',
    'Réservé aux agents du département et aux gestionnaires du collège de la réservation signalée.',
  );
export const flagAlreadyResolved = () => new AppError(409, 'flag_already_resolved', 'Ce signalement est déjà traité.');

export const refundNotFound = () => new AppError(404, 'refund_not_found', 'Demande de remboursement introuvable.');
export const accountantRefundAlreadyDone = () =>
  new AppError(
    409,
    'accountant_refund_already_done',
    'Ce remboursement est déjà enregistré comme effectué par le comptable public.',
  );

/** `detail` says why: no payment collected, or the payment already refunded in full. */
export const nothingToRefund = (detail: string) =>
  new AppError(409, 'nothing_to_refund', 'Il n’y a rien à rembourser.', { detail });
export const invalidPeriod = () =>
  new AppError(400, 'invalid_period', 'La date de début doit précéder la date de fin.');
