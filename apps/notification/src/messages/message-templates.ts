import type { BookingFacts } from '../bookings/booking-facts';
import { frenchDateTime, frenchEuros, frenchSlot } from '@salle/contracts';
import type { MessageContent } from './message-layout';
import type { Confirmation, ExpiredFrom, PlannedMessage } from './message-plan';

/** A template was asked for facts it cannot do without: the message is recorded as failed, never sent half-written. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

const NB = '\u00a0';

/** « Gymnase, Collège Jean Moulin » as far as the events named them. */
function place(facts: BookingFacts): string | null {
  const parts = [facts.spaceName, facts.establishmentName].filter((part): part is string => Boolean(part));
  return parts.length ? parts.join(', ') : null;
}

function slot(facts: BookingFacts): string {
  if (!facts.startsAt || !facts.endsAt) throw new TemplateError(`the slot of booking ${facts.bookingId} is unknown`);
  return frenchSlot(facts.startsAt, facts.endsAt);
}

/** The lines every message about a booking shows. */
function bookingDetails(facts: BookingFacts): [string, string][] {
  const details: [string, string][] = [['Créneau', slot(facts)]];
  const where = place(facts);
  if (where) details.push(['Lieu', where]);
  if (facts.organisationName) details.push(['Organisation', facts.organisationName]);
  return details;
}

export interface Links {
  /** The booking's page on the site (status, payment, cancellation). */
  booking: string;
  /** The collège's requests awaiting a decision. */
  requests: string;
  /** Where a person signed in with FranceConnect claims an organisation's record with the code sent to its contact. */
  claim: string;
  /** The public address of a calendar feed whose booking-service path is `path`. */
  calendar: (path: string) => string;
}

/** The access instructions' lines the managers wrote, as details. */
function accessDetails(confirmation: Confirmation): [string, string][] {
  const instructions = confirmation.accessInstructions;
  if (!instructions) return [];
  const lines: [string, string][] = [
    ['Clés ou badge', instructions.keys],
    ['Alarme', instructions.alarm],
    ['Contact sur place', instructions.caretakerContact],
  ];
  return lines.filter(([, text]) => text.trim() !== '');
}

/** What a confirmation adds: how to get in, and the calendar to subscribe to. */
function confirmationParagraphs(confirmation: Confirmation, links: Links): string[] {
  return [
    ...(confirmation.accessInstructions
      ? ['Les consignes du collège pour accéder à la salle figurent ci-dessous.']
      : []),
    ...(confirmation.calendarPath
      ? [
          `Pour retrouver vos réservations dans votre agenda, abonnez-vous au calendrier de votre organisation${NB}: ${links.calendar(confirmation.calendarPath)}`,
        ]
      : []),
  ];
}

/**
 * How to pay an approved booking: online as a member; at the collège's counter when the staff who entered the
 * request agreed so; online through the claim of the organisation's record first when the staff entered it for an
 * organisation that may have no account yet (its contact has no access to the booking before claiming it).
 */
function paymentParagraphs(planned: Extract<PlannedMessage, { template: 'approved_to_pay' }>, links: Links): string[] {
  const amount = frenchEuros(planned.amountCents);
  const payBy = frenchDateTime(planned.payBy);
  if (planned.paymentChoice === 'counter')
    return [
      `Le collège a accepté votre demande. Pour la confirmer, réglez ${amount} au guichet du collège (chèque ou espèces) avant le ${payBy}${NB}; le collège vous remettra un reçu. Sans paiement à cette date, le créneau sera libéré.`,
    ];
  const online = `Le collège a accepté votre demande. Pour la confirmer, payez ${amount} en ligne avant le ${payBy}${NB}; sans paiement à cette date, le créneau sera libéré.`;
  if (planned.paymentChoice !== 'online') return [online];
  return [
    online,
    `Le collège a saisi cette demande pour votre organisme. Pour payer, connectez-vous avec FranceConnect. Si votre organisme n’a pas encore de compte sur le service, revendiquez d’abord sa fiche avec son numéro RNA ou SIREN${NB}: un code vous sera envoyé à cette adresse. ${links.claim}`,
  ];
}

type Writer<P extends PlannedMessage> = (planned: P, facts: BookingFacts, links: Links) => MessageContent;
type Writers = { [K in PlannedMessage['template']]: Writer<Extract<PlannedMessage, { template: K }>> };

const EXPIRY: Record<ExpiredFrom, string> = {
  requested: `Le collège n’a pas répondu à votre demande dans le délai prévu${NB}: le créneau est de nouveau libre.`,
  approved: `Le collège avait accepté votre demande, mais le paiement en ligne n’a pas pu être ouvert à temps${NB}: le créneau est de nouveau libre. Aucune somme ne vous a été prélevée.`,
  awaiting_payment: `Le paiement n’a pas été reçu avant la date limite${NB}: la réservation est annulée et le créneau de nouveau libre. Aucune somme ne vous a été prélevée.`,
};

const writers: Writers = {
  request_received: (_planned, facts, links) => ({
    subject: `Demande de réservation reçue${NB}: ${slot(facts)}`,
    paragraphs: [
      'Bonjour,',
      facts.seriesId
        ? 'Votre demande de réservation régulière a bien été transmise au collège. Il vous répondra par courriel.'
        : 'Votre demande de réservation a bien été transmise au collège. Il vous répondra par courriel.',
      'Vous paierez en ligne une fois la demande acceptée.',
    ],
    details: bookingDetails(facts),
    action: { label: 'Voir la demande', url: links.booking },
  }),
  new_request: (_planned, facts, links) => ({
    subject: `Nouvelle demande de réservation${NB}: ${slot(facts)}`,
    paragraphs: [
      'Bonjour,',
      facts.seriesId
        ? 'Une association demande à réserver un espace de votre collège chaque semaine. Cette occurrence attend votre décision.'
        : 'Une association demande à réserver un espace de votre collège. La demande attend votre décision.',
    ],
    details: [
      ...bookingDetails(facts),
      ...(facts.priceCents !== null ? ([['Montant', frenchEuros(facts.priceCents)]] as [string, string][]) : []),
    ],
    action: { label: 'Traiter la demande', url: links.requests },
  }),
  approved_to_pay: (planned, facts, links) => ({
    subject: `Demande acceptée${NB}: à payer avant le ${frenchDateTime(planned.payBy)}`,
    paragraphs: ['Bonjour,', ...paymentParagraphs(planned, links)],
    details: [
      ...bookingDetails(facts),
      ['Montant', frenchEuros(planned.amountCents)],
      ['À payer avant le', frenchDateTime(planned.payBy)],
    ],
    action:
      planned.paymentChoice === 'counter'
        ? { label: 'Voir la réservation', url: links.booking }
        : { label: 'Payer en ligne', url: links.booking },
  }),
  refused: (planned, facts, links) => ({
    subject: `Demande refusée${NB}: ${slot(facts)}`,
    paragraphs: [
      'Bonjour,',
      'Le collège n’a pas pu accepter votre demande de réservation.',
      planned.reason ? `Motif indiqué par le collège${NB}: ${planned.reason}` : 'Le collège n’a pas indiqué de motif.',
    ],
    details: bookingDetails(facts),
    action: { label: 'Voir la demande', url: links.booking },
  }),
  expired: (planned, facts, links) => ({
    subject: `Demande expirée${NB}: ${slot(facts)}`,
    paragraphs: ['Bonjour,', EXPIRY[planned.expiredFrom]],
    details: bookingDetails(facts),
    action: { label: 'Voir la demande', url: links.booking },
  }),
  cancelled_by_establishment: (planned, facts, links) => ({
    subject: `Réservation annulée par le collège${NB}: ${slot(facts)}`,
    paragraphs: [
      'Bonjour,',
      'Le collège a annulé votre réservation.',
      planned.reason ? `Motif indiqué${NB}: ${planned.reason}` : 'Aucun motif n’a été indiqué.',
      planned.refundCents
        ? `Vous serez remboursé de ${frenchEuros(planned.refundCents)} sur le moyen de paiement utilisé${NB}; un courriel vous le confirmera.`
        : 'Aucun paiement n’était à rembourser pour cette réservation.',
    ],
    details: bookingDetails(facts),
    action: { label: 'Voir la réservation', url: links.booking },
  }),
  cancelled_by_organisation: (planned, facts, links) => ({
    subject: `Réservation annulée par l’association${NB}: ${slot(facts)}`,
    paragraphs: [
      'Bonjour,',
      `L’association a annulé sa réservation${NB}: le créneau est de nouveau libre.`,
      planned.reason ? `Motif indiqué${NB}: ${planned.reason}` : 'Aucun motif n’a été indiqué.',
    ],
    details: bookingDetails(facts),
    action: { label: 'Voir la réservation', url: links.booking },
  }),
  confirmed_free: (planned, facts, links) => ({
    subject: `Réservation confirmée${NB}: ${slot(facts)}`,
    paragraphs: [
      'Bonjour,',
      `Votre réservation est confirmée. Elle est gratuite${NB}: vous n’avez rien à payer.`,
      ...confirmationParagraphs(planned, links),
    ],
    details: [...bookingDetails(facts), ...accessDetails(planned)],
    action: { label: 'Voir la réservation', url: links.booking },
  }),
  payment_confirmed: (planned, facts, links) => ({
    subject: `Paiement reçu, réservation confirmée${NB}: ${slot(facts)}`,
    paragraphs: [
      'Bonjour,',
      `Nous avons bien reçu votre paiement de ${frenchEuros(planned.amountCents)}. Votre réservation est confirmée${NB}; le reçu est disponible sur la page de la réservation.`,
      ...confirmationParagraphs(planned, links),
    ],
    details: [...bookingDetails(facts), ['Montant payé', frenchEuros(planned.amountCents)], ...accessDetails(planned)],
    action: { label: 'Voir la réservation et le reçu', url: links.booking },
  }),
  payment_received: (planned, facts, links) => ({
    subject: `Paiement reçu${NB}: ${slot(facts)}`,
    paragraphs: [
      'Bonjour,',
      `L’association a payé sa réservation le ${frenchDateTime(planned.paidAt)}${NB}: elle est confirmée.`,
    ],
    details: [...bookingDetails(facts), ['Montant', frenchEuros(planned.amountCents)]],
    action: { label: 'Voir la réservation', url: links.booking },
  }),
  refund_issued: (planned, facts, links) => ({
    subject: `Remboursement effectué${NB}: ${frenchEuros(planned.amountCents)}`,
    paragraphs: [
      'Bonjour,',
      `Un remboursement de ${frenchEuros(planned.amountCents)} a été fait sur le moyen de paiement utilisé. Selon votre banque, il apparaît sur votre compte sous quelques jours.`,
    ],
    details: [...bookingDetails(facts), ['Montant remboursé', frenchEuros(planned.amountCents)]],
    action: { label: 'Voir la réservation', url: links.booking },
  }),
  payment_reminder: (planned, facts, links) => ({
    subject: `Rappel${NB}: réservation à payer avant le ${frenchDateTime(planned.payBy)}`,
    paragraphs: [
      'Bonjour,',
      `Votre réservation n’est pas encore payée. Payez ${frenchEuros(planned.amountCents)} en ligne avant le ${frenchDateTime(planned.payBy)}${NB}; sans paiement à cette date, le créneau sera libéré.`,
    ],
    details: [
      ...bookingDetails(facts),
      ['Montant', frenchEuros(planned.amountCents)],
      ['À payer avant le', frenchDateTime(planned.payBy)],
    ],
    action: { label: 'Payer en ligne', url: links.booking },
  }),
  session_reminder: (_planned, facts, links) => ({
    subject: `Rappel${NB}: votre réservation ${slot(facts)}`,
    paragraphs: [
      'Bonjour,',
      facts.seriesId ? 'La prochaine séance de votre réservation régulière approche.' : 'Votre réservation approche.',
      'En cas d’empêchement, annulez-la depuis la page de la réservation pour libérer le créneau.',
    ],
    details: bookingDetails(facts),
    action: { label: 'Voir la réservation', url: links.booking },
  }),
  decision_reminder: (planned, facts, links) => ({
    subject: `Demande en attente${NB}: à décider avant le ${frenchDateTime(planned.decideBy)}`,
    paragraphs: [
      'Bonjour,',
      `Une demande de réservation attend toujours votre décision. Sans réponse avant le ${frenchDateTime(planned.decideBy)}, elle expirera et le créneau sera de nouveau libre.`,
    ],
    details: [...bookingDetails(facts), ['À décider avant le', frenchDateTime(planned.decideBy)]],
    action: { label: 'Traiter la demande', url: links.requests },
  }),
};

/** The content of a planned message; throws TemplateError when the facts it needs are unknown. */
export function messageContent(planned: PlannedMessage, facts: BookingFacts, links: Links): MessageContent {
  const write = writers[planned.template] as Writer<PlannedMessage>;
  return write(planned, facts, links);
}
