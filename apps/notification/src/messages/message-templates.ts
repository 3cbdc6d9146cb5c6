import type { BookingFacts } from '../bookings/booking-facts';
import {
  type OrganisationStatus,
  type RequesterStanding,
  frenchDate,
  frenchDateTime,
  frenchEuros,
  frenchShortDate,
  frenchSlot,
  frenchTimeRange,
} from '@salle/contracts';
import type { MessageContent } from './message-layout';
import type { CancelledOnCollegeSide, Confirmation, ExpiredFrom, PlannedMessage, SeriesSummary } from './message-plan';

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

/** Who cancelled, as the organisation's message names them (« Le collège a annulé… »). */
const CANCELLER: Record<CancelledOnCollegeSide, { subject: string; sentence: string }> = {
  establishment: { subject: 'par le collège', sentence: 'Le collège a annulé' },
  department: { subject: 'par le département', sentence: 'Le département a annulé' },
};

/** The département's verification of a requesting organisation, as the new-request message words it. */
const VERIFICATION: Record<OrganisationStatus, string> = {
  verified: 'organisation vérifiée par le département',
  // Only the collège's staff may enter a request for an organisation still pending (they vouch for it).
  pending: 'en attente de vérification par le département',
  rejected: 'refusée par le département',
};

/** What managers check before deciding (the site's « Qui demande ? » shows the certificate and the history). */
function requesterDetails(requester: RequesterStanding | undefined): [string, string][] {
  if (!requester) return [];
  return [
    ['Vérification', VERIFICATION[requester.status]],
    ['Assurance', `valable jusqu’au ${frenchDate(requester.insuranceExpiresOn, { weekday: false })}`],
  ];
}

export interface Links {
  /** The booking's page on the site (status, payment, cancellation). */
  booking: string;
  /** The collège's requests awaiting a decision. */
  requests: string;
  /** A series' page (its sessions, decisions and payments). */
  series: (seriesId: string) => string;
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

/** « 20 séances, du mardi 6 janvier 2027 au mardi 18 mai 2027 » */
function seriesSpan(series: SeriesSummary): string {
  const first = series.sessions[0];
  const last = series.sessions[series.sessions.length - 1];
  if (!first || !last) throw new TemplateError(`series ${series.seriesId} is told without sessions`);
  return first === last
    ? `1 séance, le ${frenchDate(first.startsAt)}`
    : `${series.sessions.length} séances, du ${frenchDate(first.startsAt)} au ${frenchDate(last.startsAt)}`;
}

/** « 20 séances », « 1 séance » */
function sessionCount(series: SeriesSummary): string {
  return series.sessions.length === 1 ? '1 séance' : `${series.sessions.length} séances`;
}

/** « une séance », « 3 séances »: within a sentence. */
function someSessions(series: SeriesSummary): string {
  return series.sessions.length === 1 ? 'une séance' : `${series.sessions.length} séances`;
}

/** The date of the series' first session, without its weekday, for a subject. */
function seriesStart(series: SeriesSummary): string {
  const first = series.sessions[0];
  if (!first) throw new TemplateError(`series ${series.seriesId} is told without sessions`);
  return frenchDate(first.startsAt, { weekday: false });
}

/** Every session's date, in one line (a season fits in a few lines; each session's page has its own). */
function sessionDates(series: SeriesSummary): string {
  return `Dates des séances${NB}: ${series.sessions.map((session) => frenchShortDate(session.startsAt)).join(', ')}.`;
}

/** The lines every message about a series request or decision shows. */
function seriesDetails(series: SeriesSummary, facts: BookingFacts): [string, string][] {
  const details: [string, string][] = [['Séances', seriesSpan(series)]];
  // The same hours every week (local time): shown once; otherwise each session's page says its own.
  const hours = new Set(series.sessions.map((session) => frenchTimeRange(session.startsAt, session.endsAt)));
  const [only] = hours;
  if (hours.size === 1 && only) details.push(['Horaire', only]);
  const where = place(facts);
  if (where) details.push(['Lieu', where]);
  if (facts.organisationName) details.push(['Organisation', facts.organisationName]);
  return details;
}

function seriesTotal(series: SeriesSummary): [string, string] {
  return ['Montant total', frenchEuros(series.sessions.reduce((sum, session) => sum + session.priceCents, 0))];
}

/** What is due per payment period (« 1er trimestre 2026-2027… : 120,00 € à payer avant le … »), or the one deadline. */
function periodDetails(series: SeriesSummary): [string, string][] {
  const [only, ...others] = series.periods;
  if (only && others.length === 0) return [['À payer avant le', frenchDateTime(only.dueAt)]];
  return series.periods.map((period) => [
    period.label,
    `${frenchEuros(period.amountCents)} à payer avant le ${frenchDateTime(period.dueAt)}`,
  ]);
}

/** How to pay the approved sessions of a series: as `paymentParagraphs`, per period when paid per period. */
function seriesPaymentParagraphs(
  planned: Extract<PlannedMessage, { template: 'approved_to_pay' }>,
  series: SeriesSummary,
  links: Links,
): string[] {
  const amount = frenchEuros(planned.amountCents);
  const payBy = frenchDateTime(planned.payBy);
  const accepted = `Le collège a accepté ${someSessions(series)} de votre réservation régulière.`;
  const perPeriod = series.periods.length > 1;
  if (planned.paymentChoice === 'counter')
    return [
      accepted,
      perPeriod
        ? `Pour les confirmer, réglez chaque période au guichet du collège (chèque ou espèces) avant sa date limite, indiquée ci-dessous${NB}; le collège vous remettra un reçu. Sans paiement à cette date, les créneaux de la période seront libérés.`
        : `Pour les confirmer, réglez ${amount} au guichet du collège (chèque ou espèces) avant le ${payBy}${NB}; le collège vous remettra un reçu. Sans paiement à cette date, les créneaux seront libérés.`,
    ];
  const online = perPeriod
    ? `Elles se paient en ligne par période, chacune avant sa date limite indiquée ci-dessous (${amount} en tout)${NB}; sans paiement à cette date, les créneaux de la période seront libérés.`
    : `Pour les confirmer, payez ${amount} en ligne avant le ${payBy}${NB}; sans paiement à cette date, les créneaux seront libérés.`;
  const paragraphs = [accepted, online, `Vous payez depuis la page de la série.`];
  if (planned.paymentChoice !== 'online') return paragraphs;
  return [
    ...paragraphs,
    `Le collège a saisi cette demande pour votre organisme. Pour payer, connectez-vous avec FranceConnect. Si votre organisme n’a pas encore de compte sur le service, revendiquez d’abord sa fiche avec son numéro RNA ou SIREN${NB}: un code vous sera envoyé à cette adresse. ${links.claim}`,
  ];
}

/**
 * A message about sessions of a series, linking to its page: the subject's head followed by how many sessions from
 * when, the paragraphs between the greeting and the sessions' dates, and details after the series' own.
 */
function seriesNotice(
  series: SeriesSummary,
  facts: BookingFacts,
  links: Links,
  notice: { subject: string; paragraphs: string[]; details?: [string, string][] },
): MessageContent {
  return {
    subject: `${notice.subject}${NB}: ${sessionCount(series)} à partir du ${seriesStart(series)}`,
    paragraphs: ['Bonjour,', ...notice.paragraphs, sessionDates(series)],
    details: [...seriesDetails(series, facts), ...(notice.details ?? [])],
    action: { label: 'Voir la série', url: links.series(series.seriesId) },
  };
}

/** The planned message of one template. */
type Planned<K extends PlannedMessage['template']> = Extract<PlannedMessage, { template: K }>;

/** Writes a template's message about one booking. */
type Writer<P extends PlannedMessage> = (planned: P, facts: BookingFacts, links: Links) => MessageContent;

/** The templates also told once for sessions of a series (their planned message may carry `series`). */
type SeriesTemplate =
  | 'request_received'
  | 'new_request'
  | 'approved_to_pay'
  | 'refused'
  | 'cancelled_by_establishment'
  | 'cancelled_by_organisation'
  | 'confirmed_free';

/** Writes a template's message about sessions of a series told at once. */
type SeriesWriter<P extends PlannedMessage> = (
  planned: P,
  series: SeriesSummary,
  facts: BookingFacts,
  links: Links,
) => MessageContent;

/** The messages about a whole series request, decision, confirmation or cancellation, told once for all its sessions. */
const seriesWriters: { [K in SeriesTemplate]: SeriesWriter<Planned<K>> } = {
  request_received: (_planned, series, facts, links) => ({
    subject: `Demande de réservation régulière reçue${NB}: ${sessionCount(series)} à partir du ${seriesStart(series)}`,
    paragraphs: [
      'Bonjour,',
      `Votre demande de réservation régulière (${sessionCount(series)}) a bien été transmise au collège. Il vous répondra par courriel.`,
      'Vous paierez en ligne une fois la demande acceptée.',
      sessionDates(series),
    ],
    details: [...seriesDetails(series, facts), seriesTotal(series)],
    action: { label: 'Voir la demande', url: links.series(series.seriesId) },
  }),
  new_request: (planned, series, facts, links) => ({
    subject: `Nouvelle demande de réservation régulière${NB}: ${sessionCount(series)} à partir du ${seriesStart(series)}`,
    paragraphs: [
      'Bonjour,',
      `Une association demande à réserver un espace de votre collège chaque semaine (${sessionCount(series)}). La demande attend votre décision${NB}: depuis la page de la série, vous acceptez ou refusez toutes les séances, ou celles de votre choix, en une seule fois.`,
      sessionDates(series),
    ],
    details: [...seriesDetails(series, facts), ...requesterDetails(planned.requester), seriesTotal(series)],
    action: { label: 'Traiter la demande', url: links.series(series.seriesId) },
  }),
  approved_to_pay: (planned, series, facts, links) => ({
    subject:
      series.periods.length > 1
        ? `Réservation régulière acceptée${NB}: premier paiement avant le ${frenchDateTime(planned.payBy)}`
        : `Réservation régulière acceptée${NB}: à payer avant le ${frenchDateTime(planned.payBy)}`,
    paragraphs: ['Bonjour,', ...seriesPaymentParagraphs(planned, series, links), sessionDates(series)],
    details: [
      ...seriesDetails(series, facts),
      ['Montant total', frenchEuros(planned.amountCents)],
      ...periodDetails(series),
    ],
    action:
      planned.paymentChoice === 'counter'
        ? { label: 'Voir la série', url: links.series(series.seriesId) }
        : { label: 'Payer en ligne', url: links.series(series.seriesId) },
  }),
  refused: (planned, series, facts, links) =>
    seriesNotice(series, facts, links, {
      subject: 'Réservation régulière refusée',
      paragraphs: [
        `Le collège n’a pas pu accepter ${someSessions(series)} de votre demande de réservation régulière.`,
        planned.reason
          ? `Motif indiqué par le collège${NB}: ${planned.reason}`
          : 'Le collège n’a pas indiqué de motif.',
      ],
    }),
  cancelled_by_establishment: (planned, series, facts, links) =>
    seriesNotice(series, facts, links, {
      subject: `Réservation régulière annulée ${CANCELLER[planned.by].subject}`,
      paragraphs: [
        `${CANCELLER[planned.by].sentence} ${someSessions(series)} de votre réservation régulière.`,
        planned.reason ? `Motif indiqué${NB}: ${planned.reason}` : 'Aucun motif n’a été indiqué.',
        planned.refundCents
          ? `Vous serez remboursé de ${frenchEuros(planned.refundCents)} en tout sur le moyen de paiement utilisé${NB}; un courriel vous le confirmera.`
          : 'Aucun paiement n’était à rembourser pour ces séances.',
      ],
      details: planned.refundCents ? [['Remboursement total', frenchEuros(planned.refundCents)]] : [],
    }),
  cancelled_by_organisation: (planned, series, facts, links) =>
    seriesNotice(series, facts, links, {
      subject: 'Réservation régulière annulée par l’association',
      paragraphs: [
        `L’association a annulé ${someSessions(series)} de sa réservation régulière${NB}: ${series.sessions.length === 1 ? 'le créneau est de nouveau libre' : 'les créneaux sont de nouveau libres'}.`,
        planned.reason ? `Motif indiqué${NB}: ${planned.reason}` : 'Aucun motif n’a été indiqué.',
      ],
    }),
  confirmed_free: (planned, series, facts, links) => {
    const totalCents = series.sessions.reduce((sum, session) => sum + session.priceCents, 0);
    const one = series.sessions.length === 1;
    return {
      subject: `Réservation régulière confirmée${NB}: ${sessionCount(series)} à partir du ${seriesStart(series)}`,
      paragraphs: [
        'Bonjour,',
        one
          ? 'Une séance de votre réservation régulière est confirmée.'
          : `${series.sessions.length} séances de votre réservation régulière sont confirmées.`,
        totalCents === 0
          ? `${one ? 'Elle est gratuite' : 'Elles sont gratuites'}${NB}: vous n’avez rien à payer.`
          : `Le montant sera facturé à votre organisme${NB}: vous n’avez rien à payer en ligne.`,
        ...confirmationParagraphs(planned, links),
        sessionDates(series),
      ],
      details: [
        ...seriesDetails(series, facts),
        ...(totalCents > 0 ? [seriesTotal(series)] : []),
        ...accessDetails(planned),
      ],
      action: { label: 'Voir la série', url: links.series(series.seriesId) },
    };
  },
};

function paymentReminder(
  planned: Extract<PlannedMessage, { template: 'payment_reminder' }>,
  facts: BookingFacts,
  links: Links,
): MessageContent {
  return {
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
  };
}

/** A series' payment period still to pay, reminded once for its sessions. */
function seriesPaymentReminder(
  planned: Extract<PlannedMessage, { template: 'payment_reminder' }>,
  series: { seriesId: string; periodLabel: string },
  facts: BookingFacts,
  links: Links,
): MessageContent {
  const where = place(facts);
  return {
    subject: `Rappel${NB}: réservation régulière à payer avant le ${frenchDateTime(planned.payBy)}`,
    paragraphs: [
      'Bonjour,',
      `La période «${NB}${series.periodLabel}${NB}» de votre réservation régulière n’est pas encore payée. Payez ${frenchEuros(planned.amountCents)} en ligne avant le ${frenchDateTime(planned.payBy)}${NB}; sans paiement à cette date, les créneaux de la période seront libérés.`,
    ],
    details: [
      ['Période', series.periodLabel],
      ...(where ? ([['Lieu', where]] as [string, string][]) : []),
      ...(facts.organisationName ? ([['Organisation', facts.organisationName]] as [string, string][]) : []),
      ['Montant', frenchEuros(planned.amountCents)],
      ['À payer avant le', frenchDateTime(planned.payBy)],
    ],
    action: { label: 'Payer en ligne', url: links.series(series.seriesId) },
  };
}

/** The messages about one booking (a one-off request, or a session told alone). */
function requestReceived(_planned: Planned<'request_received'>, facts: BookingFacts, links: Links): MessageContent {
  return {
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
  };
}

function newRequest(planned: Planned<'new_request'>, facts: BookingFacts, links: Links): MessageContent {
  return {
    subject: `Nouvelle demande de réservation${NB}: ${slot(facts)}`,
    paragraphs: [
      'Bonjour,',
      facts.seriesId
        ? 'Une association demande à réserver un espace de votre collège chaque semaine. Cette occurrence attend votre décision.'
        : 'Une association demande à réserver un espace de votre collège. La demande attend votre décision.',
    ],
    details: [
      ...bookingDetails(facts),
      ...requesterDetails(planned.requester),
      ...(facts.priceCents !== null ? ([['Montant', frenchEuros(facts.priceCents)]] as [string, string][]) : []),
    ],
    action: { label: 'Traiter la demande', url: links.requests },
  };
}

function approvedToPay(planned: Planned<'approved_to_pay'>, facts: BookingFacts, links: Links): MessageContent {
  return {
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
  };
}

function refused(planned: Planned<'refused'>, facts: BookingFacts, links: Links): MessageContent {
  return {
    subject: `Demande refusée${NB}: ${slot(facts)}`,
    paragraphs: [
      'Bonjour,',
      'Le collège n’a pas pu accepter votre demande de réservation.',
      planned.reason ? `Motif indiqué par le collège${NB}: ${planned.reason}` : 'Le collège n’a pas indiqué de motif.',
    ],
    details: bookingDetails(facts),
    action: { label: 'Voir la demande', url: links.booking },
  };
}

function cancelledByEstablishment(
  planned: Planned<'cancelled_by_establishment'>,
  facts: BookingFacts,
  links: Links,
): MessageContent {
  return {
    subject: `Réservation annulée ${CANCELLER[planned.by].subject}${NB}: ${slot(facts)}`,
    paragraphs: [
      'Bonjour,',
      `${CANCELLER[planned.by].sentence} votre réservation.`,
      planned.reason ? `Motif indiqué${NB}: ${planned.reason}` : 'Aucun motif n’a été indiqué.',
      planned.refundCents
        ? `Vous serez remboursé de ${frenchEuros(planned.refundCents)} sur le moyen de paiement utilisé${NB}; un courriel vous le confirmera.`
        : 'Aucun paiement n’était à rembourser pour cette réservation.',
    ],
    details: bookingDetails(facts),
    action: { label: 'Voir la réservation', url: links.booking },
  };
}

function cancelledByOrganisation(
  planned: Planned<'cancelled_by_organisation'>,
  facts: BookingFacts,
  links: Links,
): MessageContent {
  return {
    subject: `Réservation annulée par l’association${NB}: ${slot(facts)}`,
    paragraphs: [
      'Bonjour,',
      `L’association a annulé sa réservation${NB}: le créneau est de nouveau libre.`,
      planned.reason ? `Motif indiqué${NB}: ${planned.reason}` : 'Aucun motif n’a été indiqué.',
    ],
    details: bookingDetails(facts),
    action: { label: 'Voir la réservation', url: links.booking },
  };
}

function confirmedFree(planned: Planned<'confirmed_free'>, facts: BookingFacts, links: Links): MessageContent {
  const invoiced = (facts.priceCents ?? 0) > 0;
  return {
    subject: `Réservation confirmée${NB}: ${slot(facts)}`,
    paragraphs: [
      'Bonjour,',
      // Confirmed without a payment: free, or a public payer's, invoiced to it (booking.confirmed's `invoice`).
      invoiced
        ? `Votre réservation est confirmée. Le montant sera facturé à votre organisme${NB}: vous n’avez rien à payer en ligne.`
        : `Votre réservation est confirmée. Elle est gratuite${NB}: vous n’avez rien à payer.`,
      ...confirmationParagraphs(planned, links),
    ],
    details: [
      ...bookingDetails(facts),
      ...(invoiced ? ([['Montant', frenchEuros(facts.priceCents ?? 0)]] as [string, string][]) : []),
      ...accessDetails(planned),
    ],
    action: { label: 'Voir la réservation', url: links.booking },
  };
}

type Writers = { [K in PlannedMessage['template']]: Writer<Planned<K>> };

/** The writer of a template told either for one booking (`single`) or once for sessions of a series. */
function oneOrSeries<P extends PlannedMessage & { series?: SeriesSummary }>(
  ofSeries: SeriesWriter<P>,
  single: Writer<P>,
): Writer<P> {
  return (planned, facts, links) =>
    planned.series ? ofSeries(planned, planned.series, facts, links) : single(planned, facts, links);
}

const EXPIRY: Record<ExpiredFrom, string> = {
  requested: `Le collège n’a pas répondu à votre demande dans le délai prévu${NB}: le créneau est de nouveau libre.`,
  approved: `Le collège avait accepté votre demande, mais le paiement en ligne n’a pas pu être ouvert à temps${NB}: le créneau est de nouveau libre. Aucune somme ne vous a été prélevée.`,
  awaiting_payment: `Le paiement n’a pas été reçu avant la date limite${NB}: la réservation est annulée et le créneau de nouveau libre. Aucune somme ne vous a été prélevée.`,
};

const writers: Writers = {
  request_received: oneOrSeries(seriesWriters.request_received, requestReceived),
  new_request: oneOrSeries(seriesWriters.new_request, newRequest),
  approved_to_pay: oneOrSeries(seriesWriters.approved_to_pay, approvedToPay),
  refused: oneOrSeries(seriesWriters.refused, refused),
  expired: (planned, facts, links) => ({
    subject: `Demande expirée${NB}: ${slot(facts)}`,
    paragraphs: ['Bonjour,', EXPIRY[planned.expiredFrom]],
    details: bookingDetails(facts),
    action: { label: 'Voir la demande', url: links.booking },
  }),
  cancelled_by_establishment: oneOrSeries(seriesWriters.cancelled_by_establishment, cancelledByEstablishment),
  cancelled_by_organisation: oneOrSeries(seriesWriters.cancelled_by_organisation, cancelledByOrganisation),
  confirmed_free: oneOrSeries(seriesWriters.confirmed_free, confirmedFree),
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
  payment_reminder: (planned, facts, links) =>
    planned.series
      ? seriesPaymentReminder(planned, planned.series, facts, links)
      : paymentReminder(planned, facts, links),
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
