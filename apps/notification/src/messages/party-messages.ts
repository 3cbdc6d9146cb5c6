import {
  frenchDate,
  gatewayAuthOperations,
  operationPath,
  frenchDateTime,
  type EventPayload,
  type MessageAuthorRole,
  type PaymentFlagKind,
} from '@salle/contracts';
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
  | {
      template: 'payer_contacted';
      audience: 'organisation';
      organisationId: string;
      bookingId: string;
      kind: PaymentFlagKind;
      from: 'establishment' | 'department';
      message: string;
    }
  | { template: 'account_inactivity'; audience: 'account'; accountId: string; erasureAt: string }
  | {
      template: 'booking_message';
      audience: 'organisation' | 'establishment';
      /** The organisation's or the collège's id, as the audience says. */
      partyId: string;
      bookingId: string;
    }
  | { template: 'claim_to_arbitrate'; audience: 'department'; organisationName: string }
  | {
      template: 'convention_to_sign' | 'convention_signed';
      audience: 'organisation' | 'establishment' | 'department';
      /** The organisation's or the collège's id, as the audience says (none for the département). */
      partyId: string;
      bookingId: string;
      /** The organisation's signed link to the sealed PDF (its path under the booking API) and its end. */
      signedDownload?: { path: string; expiresAt: string };
    }
  | {
      template: 'insurance_expiring';
      /** Each owner's account; the whole organisation for an event that names no owners (written before they were). */
      audience: 'organisation' | 'account';
      partyId: string;
      organisationName: string;
      /** The last day the certificate covers. */
      expiresOn: string;
    }
  | {
      template: 'claim_code';
      /** The contact of a record a collège created, which may belong to no account yet. */
      audience: 'address';
      /** By e-mail, or by SMS to the contact's mobile phone (the claimant chose). */
      channel: 'email' | 'sms';
      /** The e-mail address or the E.164 number. */
      to: string;
      organisationName: string;
      code: string;
      expiresAt: string;
    }
  | {
      template: 'organisation_invitation';
      /** An address an owner typed, which may belong to no account yet. */
      audience: 'address';
      email: string;
      organisationName: string;
      role: 'owner' | 'member';
      inviterName: string;
      /** The link's secret, opened from the event: the link is `${webUrl}/rejoindre#<token>`. */
      token: string;
      expiresAt: string;
    }
  | {
      template: 'claim_decided';
      /** The holder's members, or the claimant's account. */
      audience: 'organisation' | 'account';
      partyId: string;
      organisationName: string;
      granted: boolean;
      reason: string;
    }
  | {
      template: 'manager_invitation';
      /** An address with no account yet: the agent invited. */
      audience: 'address';
      email: string;
      establishmentId: string;
      establishmentName: string;
      inviterName: string;
    };

/** The party each message goes to (an organisation's id, an account's, an address; none for the département). */
export function partyOf(message: PartyMessage): string {
  if (message.template === 'account_inactivity') return message.accountId;
  if (message.template === 'manager_invitation') return message.email;
  if (message.template === 'claim_code') return message.to;
  if (message.template === 'organisation_invitation') return message.email;
  if ('partyId' in message) return message.partyId;
  return message.audience === 'organisation' ? message.organisationId : '';
}

/** The side of a booking's conversation each author speaks for (an admin speaks for neither). */
const authorSide: Record<MessageAuthorRole, 'organisation' | 'establishment' | null> = {
  organisation_member: 'organisation',
  establishment_manager: 'establishment',
  department_admin: null,
};

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
  'booking.message_posted': (event: EventPayload<'booking.message_posted'>): PartyMessage[] =>
    // The other side of the conversation; when an admin wrote, both sides (the event never carries the text).
    (['organisation', 'establishment'] as const)
      .filter((audience) => audience !== authorSide[event.authorRole])
      .map((audience) => ({
        template: 'booking_message',
        audience,
        partyId: audience === 'organisation' ? event.organisationId : event.establishmentId,
        bookingId: event.bookingId,
      })),
  // Whose turn it is to sign the convention: the organisation once issued, then the collège, then the département.
  'convention.issued': (event: EventPayload<'convention.issued'>): PartyMessage[] => [
    {
      template: 'convention_to_sign',
      audience: 'organisation',
      partyId: event.organisationId,
      bookingId: event.bookingId,
    },
  ],
  'convention.signed': (event: EventPayload<'convention.signed'>): PartyMessage[] =>
    event.nextStep === 'establishment' || event.nextStep === 'department'
      ? [
          {
            template: 'convention_to_sign',
            audience: event.nextStep,
            partyId: event.nextStep === 'establishment' ? event.establishmentId : '',
            bookingId: event.bookingId,
          },
        ]
      : [],
  // Paid but still unsigned at its signing deadline (after_payment): the party whose turn it is, reminded once.
  'convention.signing_overdue': (event: EventPayload<'convention.signing_overdue'>): PartyMessage[] => [
    {
      template: 'convention_to_sign',
      audience: event.nextStep,
      partyId:
        event.nextStep === 'organisation'
          ? event.organisationId
          : event.nextStep === 'establishment'
            ? event.establishmentId
            : '',
      bookingId: event.bookingId,
    },
  ],
  'convention.completed': (event: EventPayload<'convention.completed'>): PartyMessage[] =>
    (['organisation', 'establishment'] as const).map((audience) => ({
      template: 'convention_signed',
      audience,
      partyId: audience === 'organisation' ? event.organisationId : event.establishmentId,
      bookingId: event.bookingId,
      // The organisation keeps the signed document: it gets the link that opens it without logging in.
      ...(audience === 'organisation' && event.signedDownload ? { signedDownload: event.signedDownload } : {}),
    })),
  'organisation.claim_requested': (event: EventPayload<'organisation.claim_requested'>): PartyMessage[] => [
    { template: 'claim_to_arbitrate', audience: 'department', organisationName: event.organisationName },
  ],
  'organisation.claim_decided': (event: EventPayload<'organisation.claim_decided'>): PartyMessage[] =>
    (
      [
        ['organisation', event.organisationId],
        ['account', event.claimantAccountId],
      ] as const
    ).map(([audience, partyId]) => ({
      template: 'claim_decided',
      audience,
      partyId,
      organisationName: event.organisationName,
      granted: event.granted,
      reason: event.reason,
    })),
  'establishment.manager_invited': (event: EventPayload<'establishment.manager_invited'>): PartyMessage[] => [
    {
      template: 'manager_invitation',
      audience: 'address',
      email: event.email,
      establishmentId: event.establishmentId,
      establishmentName: event.establishmentName,
      inviterName: event.inviterName,
    },
  ],
  'organisation.insurance_expiring': (event: EventPayload<'organisation.insurance_expiring'>): PartyMessage[] =>
    (event.ownerAccountIds
      ? event.ownerAccountIds.map((accountId) => ['account', accountId] as const)
      : [['organisation', event.organisationId] as const]
    ).map(([audience, partyId]) => ({
      template: 'insurance_expiring',
      audience,
      partyId,
      organisationName: event.organisationName,
      expiresOn: event.expiresOn,
    })),
  /** `code`: opened from the event's `sealedCode` by the handler. */
  'organisation.claim_code_requested': (
    event: EventPayload<'organisation.claim_code_requested'>,
    code: string,
  ): PartyMessage[] => [
    {
      template: 'claim_code',
      audience: 'address',
      channel: event.channel,
      to: event.to,
      organisationName: event.organisationName,
      code,
      expiresAt: event.expiresAt,
    },
  ],
  /** `token`: opened from the event's `sealedToken` by the handler. */
  'organisation.member_invited': (
    event: EventPayload<'organisation.member_invited'>,
    token: string,
  ): PartyMessage[] => [
    {
      template: 'organisation_invitation',
      audience: 'address',
      email: event.email,
      organisationName: event.organisationName,
      role: event.role,
      inviterName: event.inviterName,
      token,
      expiresAt: event.expiresAt,
    },
  ],
  'payment.payer_contacted': (event: EventPayload<'payment.payer_contacted'>): PartyMessage[] => [
    {
      template: 'payer_contacted',
      audience: 'organisation',
      organisationId: event.organisationId,
      bookingId: event.bookingId,
      kind: event.kind,
      from: event.from,
      message: event.message,
    },
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

/** What a flag means, told to the payer organisation (worded for them, not for the admins). */
const PAYER_FLAG_LABELS: Record<PaymentFlagKind, string> = {
  amount_mismatch: 'le montant payé diffère du montant dû',
  unknown_booking: 'le paiement ne correspond à aucune réservation connue',
  unknown_checkout: 'le paiement ne correspond à aucune session de paiement connue',
  late_payment: 'le paiement est arrivé après la date limite',
  dispute: 'le paiement a été contesté auprès de votre banque',
  refund_failed: 'un remboursement n’a pas abouti',
  provider_error: 'le prestataire de paiement a signalé une erreur',
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
    case 'insurance_expiring':
      return {
        subject: `Attestation d’assurance à renouveler${NB}: ${message.organisationName}`,
        paragraphs: [
          'Bonjour,',
          `L’attestation d’assurance de votre organisation expire le ${frenchDate(message.expiresOn)}.`,
          'Déposez la nouvelle attestation avant cette date pour que les collèges puissent accepter vos prochaines demandes.',
        ],
        details: [['Organisation', message.organisationName]],
        action: { label: 'Déposer la nouvelle attestation', url: `${webUrl}/organisations` },
      };
    case 'payer_contacted': {
      const sender = message.from === 'department' ? 'Le département' : 'Le collège';
      return {
        subject: `Votre paiement${NB}: un message ${message.from === 'department' ? 'du département' : 'du collège'}`,
        paragraphs: [
          'Bonjour,',
          `${sender} vous écrit au sujet du paiement d’une de vos réservations (${PAYER_FLAG_LABELS[message.kind]}).`,
          `Son message${NB}: «${NB}${message.message}${NB}»`,
          'Pour répondre, écrivez dans la conversation de la réservation.',
        ],
        details: [],
        action: { label: 'Voir la réservation', url: `${webUrl}/reservations/${message.bookingId}` },
      };
    }
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
    case 'booking_message':
      return {
        subject: 'Nouveau message au sujet de votre réservation',
        paragraphs: [
          'Bonjour,',
          message.audience === 'organisation'
            ? 'Le collège vous a écrit au sujet de votre réservation.'
            : 'L’organisation vous a écrit au sujet de sa réservation.',
          'Pour lire le message et y répondre, ouvrez la conversation de la réservation.',
        ],
        details: [],
        action: { label: 'Lire le message', url: `${webUrl}/reservations/${message.bookingId}/messages` },
      };
    case 'claim_to_arbitrate':
      return {
        subject: `Revendication à arbitrer${NB}: ${message.organisationName}`,
        paragraphs: [
          'Bonjour,',
          'Une personne revendique le numéro RNA ou SIREN d’une organisation déjà vérifiée. Le département doit arbitrer.',
        ],
        details: [['Organisation vérifiée', message.organisationName]],
        action: { label: 'Arbitrer la revendication', url: `${webUrl}/admin/organisations` },
      };
    case 'claim_decided':
      return claimDecidedContent(message, webUrl);
    case 'convention_to_sign':
    case 'convention_signed':
      return conventionContent(message, webUrl);
    case 'manager_invitation':
      return managerInvitationContent(message, webUrl);
    case 'organisation_invitation':
      return {
        subject: `Invitation à rejoindre ${message.organisationName}`,
        paragraphs: [
          'Bonjour,',
          `${message.inviterName} vous invite à rejoindre ${message.organisationName} sur Salle sur demande, ${message.role === 'owner' ? 'comme responsable (vous pourrez gérer ses membres)' : 'comme membre (vous pourrez réserver des salles pour elle)'}.`,
          `Pour accepter, ouvrez le lien ci-dessous et connectez-vous avec FranceConnect. Il sert une seule fois et vaut jusqu’au ${frenchDateTime(message.expiresAt)}.`,
          'Si vous n’attendiez pas cette invitation, vous pouvez ignorer ce message.',
        ],
        details: [
          ['Organisation', message.organisationName],
          ['Invité par', message.inviterName],
          ['Valable jusqu’au', frenchDateTime(message.expiresAt)],
        ],
        // The secret sits in the fragment, which the browser never sends to a server.
        action: { label: 'Rejoindre l’organisation', url: `${webUrl}/rejoindre#${message.token}` },
      };
    case 'claim_code':
      return {
        subject: `Votre code pour revendiquer ${message.organisationName}${NB}: ${message.code}`,
        paragraphs: [
          'Bonjour,',
          `Un collège a enregistré ${message.organisationName} sur Salle sur demande avec votre adresse comme contact. Quelqu’un, connecté avec FranceConnect, demande à en devenir le responsable sur le site.`,
          `Si c’est vous, saisissez ce code sur la page «${NB}Revendiquer un organisme${NB}»${NB}: ${message.code}. Il vaut 15${NB}minutes et ne sert qu’une fois.`,
          'Si ce n’est pas vous, ne communiquez ce code à personne et ignorez ce message.',
        ],
        details: [
          ['Organisme', message.organisationName],
          ['Code', message.code],
          ['Valable jusqu’au', frenchDateTime(message.expiresAt)],
        ],
        action: { label: 'Revendiquer l’organisme', url: `${webUrl}/organisations/revendiquer` },
      };
  }
}

/** The ProConnect login, back to the collège's page: the agent becomes its manager at that login. */
function proConnectLogin(webUrl: string, establishmentId: string): string {
  const query = new URLSearchParams({ returnTo: `/gestion/${establishmentId}` });
  return `${webUrl}${operationPath(gatewayAuthOperations.login.path, { provider: 'proconnect' })}?${query.toString()}`;
}

function managerInvitationContent(
  message: Extract<PartyMessage, { template: 'manager_invitation' }>,
  webUrl: string,
): MessageContent {
  return {
    subject: `Invitation à gérer les salles d’un collège${NB}: ${message.establishmentName}`,
    paragraphs: [
      'Bonjour,',
      `${message.inviterName}, pour le département, vous invite à gérer les demandes de réservation des salles de ce collège${NB}: ${message.establishmentName}.`,
      `Pour accepter, connectez-vous avec ProConnect en utilisant cette adresse électronique professionnelle${NB}: vous serez alors gestionnaire du collège.`,
      'Si vous n’attendiez pas cette invitation, vous pouvez ignorer ce message.',
    ],
    details: [
      ['Collège', message.establishmentName],
      ['Invité par', message.inviterName],
    ],
    action: { label: 'Me connecter avec ProConnect', url: proConnectLogin(webUrl, message.establishmentId) },
  };
}

function claimDecidedContent(
  message: Extract<PartyMessage, { template: 'claim_decided' }>,
  webUrl: string,
): MessageContent {
  const holder = message.audience === 'organisation';
  const outcome = message.granted
    ? holder
      ? `Le département a donné raison à la personne qui revendiquait le numéro de votre organisation${NB}: votre organisation ne peut plus réserver avec ce numéro.`
      : `Le département vous a donné raison${NB}: vous pouvez déclarer votre organisation avec ce numéro.`
    : holder
      ? `Le département a rejeté la revendication du numéro de votre organisation${NB}: rien ne change pour vous.`
      : `Le département a rejeté votre revendication${NB}: le numéro reste à l’organisation vérifiée.`;
  return {
    subject: `Revendication ${message.granted ? 'acceptée' : 'rejetée'}${NB}: ${message.organisationName}`,
    paragraphs: ['Bonjour,', outcome, `Motif indiqué${NB}: ${message.reason}`],
    details: [['Organisation', message.organisationName]],
    action:
      message.granted && !holder
        ? { label: 'Déclarer mon organisation', url: `${webUrl}/organisations/nouvelle` }
        : { label: 'Voir mon organisation', url: `${webUrl}/organisations` },
  };
}

const SIGNERS: Record<'organisation' | 'establishment' | 'department', string> = {
  organisation: 'un responsable de votre organisation',
  establishment: 'le signataire désigné du collège',
  department: 'un agent titulaire de la délégation de signature du département',
};

function conventionContent(
  message: Extract<PartyMessage, { template: 'convention_to_sign' | 'convention_signed' }>,
  webUrl: string,
): MessageContent {
  const action = { label: 'Voir la convention', url: `${webUrl}/reservations/${message.bookingId}` };
  if (message.template === 'convention_signed' && message.signedDownload)
    return {
      subject: 'Convention signée par toutes les parties',
      paragraphs: [
        'Bonjour,',
        'La convention d’occupation est signée par l’organisation, le collège et le département. Téléchargez le document signé et scellé avec le lien ci-dessous et conservez-le.',
        `Ce lien fonctionne sans connexion jusqu’au ${frenchDateTime(message.signedDownload.expiresAt)}${NB}; ensuite, la convention signée et son fichier de preuve restent à télécharger sur la page de la réservation${NB}: ${action.url}`,
      ],
      details: [],
      action: {
        label: 'Télécharger la convention signée (PDF)',
        // The gateway serves the booking service's paths under /api/booking; the link needs no session.
        url: `${webUrl}/api/booking${message.signedDownload.path}`,
      },
    };
  if (message.template === 'convention_signed')
    return {
      subject: 'Convention signée par toutes les parties',
      paragraphs: [
        'Bonjour,',
        'La convention d’occupation est signée par l’organisation, le collège et le département. Le document signé et son fichier de preuve sont à télécharger sur la page de la réservation.',
      ],
      details: [],
      action,
    };
  return {
    subject: 'Convention à signer',
    paragraphs: [
      'Bonjour,',
      `C’est à votre tour de signer la convention d’occupation${NB}: elle doit l’être par ${SIGNERS[message.audience]}.`,
      'Lisez-la, cochez la case de consentement puis cliquez sur «\u00a0Signer la convention\u00a0» sur la page de la réservation.',
    ],
    details: [],
    action,
  };
}
