import { frenchDate, type EventPayload, type PaymentFlagKind } from '@salle/contracts';
import type { MessageContent } from './message-layout';

const NB = '\u00a0';

/** Messages about an organisation or a payment flag rather than a booking's slot: what each needs is in its event. */
export type PartyMessage =
  | { template: 'organisation_to_verify'; audience: 'department'; organisationName: string }
  | { template: 'organisation_verified'; audience: 'organisation'; organisationId: string; organisationName: string }
  | {
      template: 'organisation_rejected';
      audience: 'organisation';
      organisationId: string;
      organisationName: string;
      reason: string | null;
    }
  | { template: 'payment_flag'; audience: 'department'; kind: PaymentFlagKind; bookingId: string | null }
  | { template: 'account_inactivity'; audience: 'account'; accountId: string; erasureAt: string };

/** The party each message goes to (an organisation's id; none for the département). */
export function partyOf(message: PartyMessage): string {
  if (message.audience === 'account') return message.accountId;
  return message.audience === 'organisation' ? message.organisationId : '';
}

/** Which events call for which party messages: a pure function of the event. */
export const partyPlans = {
  'organisation.declared': (event: EventPayload<'organisation.declared'>): PartyMessage[] => [
    { template: 'organisation_to_verify', audience: 'department', organisationName: event.organisationName },
  ],
  'organisation.verification_decided': (event: EventPayload<'organisation.verification_decided'>): PartyMessage[] => [
    event.verified
      ? {
          template: 'organisation_verified',
          audience: 'organisation',
          organisationId: event.organisationId,
          organisationName: event.organisationName,
        }
      : {
          template: 'organisation_rejected',
          audience: 'organisation',
          organisationId: event.organisationId,
          organisationName: event.organisationName,
          reason: event.reason,
        },
  ],
  'account.inactivity_warned': (event: EventPayload<'account.inactivity_warned'>): PartyMessage[] => [
    { template: 'account_inactivity', audience: 'account', accountId: event.accountId, erasureAt: event.erasureAt },
  ],
  'payment.flag_raised': (event: EventPayload<'payment.flag_raised'>): PartyMessage[] => [
    { template: 'payment_flag', audience: 'department', kind: event.kind, bookingId: event.bookingId },
  ],
};

/** What each payment flag means, for the admins who must look at it. */
export const FLAG_LABELS: Record<PaymentFlagKind, string> = {
  amount_mismatch: 'montant payé différent du montant dû',
  unknown_booking: 'paiement pour une réservation inconnue',
  unknown_checkout: 'paiement pour une session de paiement inconnue',
  late_payment: 'paiement reçu après la date limite',
  dispute: 'contestation de paiement (litige)',
  refund_failed: 'remboursement en échec',
  provider_error: 'erreur du prestataire de paiement',
};

/** The content of a party message; `webUrl` is the site's origin, for its one link. */
export function partyContent(message: PartyMessage, webUrl: string): MessageContent {
  switch (message.template) {
    case 'organisation_to_verify':
      return {
        subject: `Organisation à vérifier${NB}: ${message.organisationName}`,
        paragraphs: [
          'Bonjour,',
          'Une nouvelle organisation s’est déclarée et attend la vérification du département avant de pouvoir réserver.',
        ],
        details: [['Organisation', message.organisationName]],
        action: { label: 'Vérifier les organisations', url: `${webUrl}/admin/organisations` },
      };
    case 'organisation_verified':
      return {
        subject: `Organisation vérifiée${NB}: ${message.organisationName}`,
        paragraphs: [
          'Bonjour,',
          'Le département a vérifié votre organisation. Vous pouvez désormais demander des salles des collèges.',
        ],
        details: [['Organisation', message.organisationName]],
        action: { label: 'Rechercher une salle', url: `${webUrl}/` },
      };
    case 'organisation_rejected':
      return {
        subject: `Organisation non retenue${NB}: ${message.organisationName}`,
        paragraphs: [
          'Bonjour,',
          `Le département n’a pas pu vérifier votre organisation${NB}: elle ne peut pas réserver de salle pour le moment.`,
          message.reason ? `Motif indiqué${NB}: ${message.reason}` : 'Aucun motif n’a été indiqué.',
        ],
        details: [['Organisation', message.organisationName]],
        action: { label: 'Voir mon organisation', url: `${webUrl}/organisations` },
      };
    case 'payment_flag':
      return {
        subject: `Paiement à examiner${NB}: ${FLAG_LABELS[message.kind]}`,
        paragraphs: [
          'Bonjour,',
          `Le service de paiement signale une situation à examiner par le département${NB}: ${FLAG_LABELS[message.kind]}.`,
          'Le détail est dans l’espace d’administration.',
        ],
        details: [],
        action: message.bookingId
          ? { label: 'Voir la réservation', url: `${webUrl}/reservations/${message.bookingId}` }
          : { label: 'Ouvrir l’administration', url: `${webUrl}/admin` },
      };
    case 'account_inactivity':
      return {
        subject: `Votre compte sera supprimé le ${frenchDate(message.erasureAt)}`,
        paragraphs: [
          'Bonjour,',
          'Vous ne vous êtes pas connecté à votre compte depuis longtemps. Pour ne pas garder vos données personnelles sans raison, il sera supprimé à cette date, avec ce qui vous concerne (les réservations passées sont gardées sans votre nom pour la comptabilité).',
          'Pour garder votre compte, il suffit de vous connecter avant cette date.',
        ],
        details: [['Suppression prévue le', frenchDate(message.erasureAt)]],
        action: { label: 'Me connecter', url: `${webUrl}/connexion` },
      };
  }
}
