import {
  ACCOUNTING_RETENTION_YEARS,
  frenchPeriod,
  RETENTION_PERIODS,
  type RetentionSettings,
  type RetentionVariable,
} from './retention';

/** How long one kind of data is kept, and what happens then. */
export interface RetentionEntry {
  /** The kind of data, in French. */
  data: string;
  /**
   * Its period: a configured one (by variable; the accounting period is one), as long as the account, or
   * `stated` when `then` says it all.
   */
  period: { variable: RetentionVariable } | 'account' | 'stated';
  /** What happens at the end of the period, in French. */
  then: string;
}

/** One processing of the register (RGPD art. 30), as the personal-data page publishes it. */
export interface Processing {
  id: string;
  name: string;
  purpose: string;
  legalBasis: string;
  persons: readonly string[];
  data: readonly string[];
  recipients: readonly string[];
  retention: readonly RetentionEntry[];
  transfers: string;
}

const NO_TRANSFER = 'Aucun transfert hors de l’Union européenne.';
/**
 * Card payments go through Stripe when the département chose it (the default card provider): Stripe Payments Europe
 * (Ireland) processes them with its parent, Stripe, Inc., in the United States. PayFiP is the DGFiP's, in France.
 */
const PAYMENT_TRANSFERS =
  'Paiement par carte, quand le département a retenu Stripe\u00a0: les données du paiement sont traitées par Stripe Payments Europe (Irlande) et transférées à sa société mère Stripe, Inc., aux États-Unis, transfert encadré par le cadre de protection des données UE–États-Unis (Data Privacy Framework, décision d’adéquation de la Commission européenne du 10\u00a0juillet 2023) et par des clauses contractuelles types. Paiement par PayFiP (DGFiP)\u00a0: aucun transfert, les données restent en France.';
const PUBLIC_INTEREST = 'Mission d’intérêt public (article 6.1.e du RGPD)';

/**
 * The processing register of the product: what it does with personal data, written once, from which the
 * personal-data page is made. The controller, the DPO and the contact for rights come from the site
 * configuration (`legal.personalData`); the configurable periods from RETENTION_PERIODS, with this deployment's
 * values. A new kind of data (documents, conversations) adds its entry here, with the job that enforces it.
 */
export const PROCESSING_REGISTER: readonly Processing[] = [
  {
    id: 'accounts',
    name: 'Comptes et connexion',
    purpose: 'Vous identifier par FranceConnect ou ProConnect et protéger l’accès au service.',
    legalBasis: PUBLIC_INTEREST,
    persons: ['Membres des organisations', 'Agents des collèges et du département'],
    data: [
      'Identifiant pseudonyme transmis par FranceConnect ou ProConnect',
      'Nom, prénoms et adresse électronique',
      'Pour les agents\u00a0: SIRET et nom de leur administration',
      'Date de création du compte et de la dernière connexion',
      'Journal d’audit\u00a0: qui a demandé ou exécuté la suppression d’un compte, et quand',
    ],
    recipients: ['Les administrateurs du service au département'],
    retention: [
      {
        data: 'Le compte et son identité',
        period: { variable: 'RETENTION_INACTIVE_ACCOUNT_YEARS' },
        then: 'un courriel vous prévient\u00a0; sans connexion de votre part, le compte est supprimé',
      },
      {
        data: 'Le compte, à votre demande («\u00a0Supprimer mon compte\u00a0»)',
        period: 'stated',
        then: 'supprimé dans le mois',
      },
      {
        data: 'La session de connexion',
        period: 'stated',
        then: 'elle prend fin à la déconnexion, après une période d’inactivité et au plus tard 12 heures après la connexion',
      },
      {
        data: 'L’auteur de chaque entrée du journal d’audit des suppressions de compte',
        period: { variable: 'GATEWAY_AUDIT_PSEUDONYMISE_AFTER_YEARS' },
        then: 'remplacé par une mention anonyme (l’action et sa date restent)',
      },
    ],
    transfers: NO_TRANSFER,
  },
  {
    id: 'bookings',
    name: 'Organisations et réservations',
    purpose:
      'Enregistrer les organisations, instruire les demandes de réservation des salles des collèges, établir les conventions et suivre les décisions.',
    legalBasis: PUBLIC_INTEREST,
    persons: [
      'Membres des organisations',
      'Personnes à contacter des organisations',
      'Agents des collèges et du département',
    ],
    data: [
      'Organisation\u00a0: nom, numéro RNA ou SIREN, adresse, assurance',
      'Personne à contacter de l’organisation\u00a0: nom, téléphone, adresse électronique, et l’accord de ses responsables pour les SMS',
      'Contestations d’un numéro RNA ou SIREN\u00a0: le compte et le nom de la personne qui conteste, son exposé, la décision et son motif\u00a0; les codes de vérification envoyés à la personne à contacter d’une organisation (leur empreinte seulement) et le compte qui les a demandés',
      'Membres\u00a0: compte, rôle, nom affiché',
      'Réservations\u00a0: salle, créneau, objet, nombre de participants, montant',
      'Journal des décisions\u00a0: qui a fait quoi et quand',
      'Messages échangés entre l’organisation et le collège au sujet d’une réservation, et ce que chacun en a lu',
      'Attestations d’assurance déposées\u00a0: fichier, assureur, numéro de contrat, date d’expiration, qui l’a déposée',
      'Photos des salles\u00a0: qui les a déposées',
      'Conventions établies à l’approbation\u00a0: le fichier, son empreinte, et le contact du gardien qu’il mentionne',
    ],
    recipients: ['Le collège concerné', 'Les agents habilités du département'],
    retention: [
      {
        data: 'Les réservations et leurs montants, à compter de la fin de leur dernière séance',
        period: { variable: 'BOOKING_RECORDS_DELETE_AFTER_YEARS' },
        then: `supprimées avec leurs séries, conventions, messages et journal des décisions (pièces comptables, que la loi impose de garder ${frenchPeriod(ACCOUNTING_RETENTION_YEARS, 'years')})\u00a0; à l’effacement d’un compte, elles sont gardées jusque-là sans le nom de la personne`,
      },
      {
        data: 'L’auteur de chaque entrée du journal des décisions, et le compte qu’elle concerne',
        period: { variable: 'BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS' },
        then: 'remplacés par une mention anonyme (l’action et sa date restent)',
      },
      {
        data: 'Les messages échangés au sujet d’une réservation, à compter de la fin du créneau réservé',
        period: { variable: 'BOOKING_CONVERSATION_DELETE_AFTER_YEARS' },
        then: 'supprimés',
      },
      {
        data: 'Les attestations d’assurance, à compter de leur date d’expiration (celle en cours de validité est toujours gardée)',
        period: { variable: 'BOOKING_INSURANCE_CERTIFICATE_DELETE_AFTER_YEARS' },
        then: 'supprimées, fichier compris',
      },
      {
        data: 'Les conventions établies, à compter de la fin de la dernière séance qu’elles couvrent',
        period: { variable: 'BOOKING_CONVENTION_DELETE_AFTER_YEARS' },
        then: 'supprimées, fichier compris',
      },
      {
        data: 'Une organisation refusée, à compter de son refus',
        period: { variable: 'BOOKING_REJECTED_ORGANISATION_DELETE_AFTER_YEARS' },
        then: 'supprimée avec ses membres, ses invitations, les contestations de son numéro et ses attestations d’assurance si elle n’a jamais réservé\u00a0; sinon gardée pour ses réservations, sans le nom, le téléphone ni l’adresse de sa personne à contacter, puis supprimée avec elles',
      },
      {
        data: 'La personne à contacter d’une organisation',
        period: 'stated',
        then: 'gardée tant que l’organisation existe, jusqu’à ce que ses responsables la changent ou la retirent\u00a0; effacée quand l’organisation refusée est supprimée ou gardée pour ses réservations (ci-dessus)',
      },
      {
        data: 'Les contestations de numéro et les codes de vérification',
        period: 'stated',
        then: 'gardés tant que l’organisation dont le numéro est en cause existe, puis supprimés avec elle',
      },
      {
        data: 'Qui a déposé une photo de salle',
        period: 'account',
        then: 'retiré à l’effacement du compte (la photo reste tant que le collège la publie)',
      },
      {
        data: 'L’appartenance à une organisation',
        period: 'account',
        then: 'supprimée quand le responsable de l’organisation vous en retire, ou à l’effacement du compte',
      },
    ],
    transfers: NO_TRANSFER,
  },
  {
    id: 'conventions',
    name: 'Conventions et signatures',
    purpose:
      'Établir la convention d’utilisation de la salle, la faire signer en ligne par l’organisation, le collège et le département, et en garder la preuve.',
    legalBasis: PUBLIC_INTEREST,
    persons: [
      'Responsables des organisations qui signent',
      'Agents des collèges et du département qui signent, ou leur délégataire',
    ],
    data: [
      'Signatures\u00a0: nom et compte du signataire, moyen d’identification (FranceConnect, ProConnect ou délégation permanente) et son niveau de garantie, empreinte du document signé, version du consentement, date',
      'La convention scellée et son fichier de preuve, qui reprend ces signatures',
      'Pour une convention signée sur papier\u00a0: son scan, et le compte de l’agent qui l’a enregistré',
    ],
    recipients: ['Les parties à la convention\u00a0: l’organisation, le collège et le département'],
    retention: [
      {
        data: 'Les signatures, la convention scellée et sa preuve, ou le scan de la convention signée sur papier, à compter de la fin de la dernière séance couverte',
        period: { variable: 'BOOKING_CONVENTION_DELETE_AFTER_YEARS' },
        then: 'supprimés avec la convention, fichiers compris (pour une convention-cadre, après la dernière séance de sa dernière annexe)',
      },
    ],
    transfers: NO_TRANSFER,
  },
  {
    id: 'payments',
    name: 'Paiements',
    purpose: 'Encaisser le prix des réservations pour le collège et tenir la comptabilité publique.',
    legalBasis: 'Obligation légale (article 6.1.c du RGPD)\u00a0: règles de la comptabilité publique',
    persons: [
      'Membres des organisations qui paient une réservation',
      'Agents des collèges et du département qui enregistrent un paiement ou un remboursement',
    ],
    data: [
      'Montant, référence et état de chaque paiement, remboursement et facture',
      'Le compte qui a ouvert le paiement, et l’adresse électronique donnée pour l’avis de paiement PayFiP',
      'Ce que le prestataire de paiement transmet sur le payeur (nom et adresse électronique saisis chez lui)',
      'Le compte qui a enregistré un remboursement, une facture payée ou traité une anomalie de paiement',
      'Aucun numéro de carte\u00a0: le paiement est saisi chez le prestataire de paiement',
      'Messages écrits au payeur au sujet d’une anomalie de paiement («\u00a0Contacter le payeur\u00a0»)\u00a0: le texte, son auteur et la date',
      'Journal d’audit\u00a0: qui a enregistré un paiement ou une facture payée, traité une anomalie, contacté un payeur, et quand',
    ],
    recipients: [
      'Le comptable public (DGFiP, PayFiP)',
      'Le prestataire de paiement par carte retenu par le département',
      'L’organisation payeuse, pour les messages qui lui sont écrits au sujet d’un paiement',
    ],
    retention: [
      {
        data: 'Les paiements, remboursements et factures',
        period: { variable: 'PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS' },
        then: 'gardés sans aucun lien avec une personne (montants et références seulement)\u00a0; à l’effacement d’un compte, ils sont gardés aussitôt sans le nom ni l’adresse de la personne',
      },
      {
        data: 'Les messages écrits au payeur, à compter de leur envoi',
        period: { variable: 'PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS' },
        then: 'leur texte et leur auteur effacés (la date du contact reste)',
      },
      {
        data: 'Les avis du prestataire de paiement par carte',
        period: { variable: 'PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS' },
        then: 'supprimés',
      },
      {
        data: 'L’auteur de chaque entrée du journal d’audit des paiements',
        period: { variable: 'PAYMENT_AUDIT_PSEUDONYMISE_AFTER_YEARS' },
        then: 'remplacé par une mention anonyme (l’action et sa date restent)',
      },
    ],
    transfers: PAYMENT_TRANSFERS,
  },
  {
    id: 'messages',
    name: 'Messages',
    purpose: 'Vous informer de vos réservations par courriel et, si vous l’avez accepté, par SMS.',
    legalBasis: `${PUBLIC_INTEREST}\u00a0; pour les SMS, votre consentement (article 6.1.a), que vous pouvez retirer dans «\u00a0Mon compte\u00a0»`,
    persons: [
      'Membres des organisations',
      'Personnes à contacter des organisations',
      'Agents des collèges et du département',
      'Contacts des collèges',
    ],
    data: [
      'Adresse électronique et nom affiché',
      'Numéro de téléphone mobile et date de votre accord pour les SMS',
      'Vos choix de messages',
      'Les messages envoyés et leur état d’envoi',
      'Les rappels programmés\u00a0: leur destinataire, leur texte et leur état',
      'Journal d’audit\u00a0: qui a changé ses choix de messages, son téléphone ou le contact d’un collège, et quand',
    ],
    recipients: ['Le prestataire d’envoi des courriels', 'Le prestataire d’envoi des SMS'],
    retention: [
      { data: 'Les messages envoyés', period: { variable: 'RETENTION_MESSAGES_MONTHS' }, then: 'supprimés' },
      {
        data: 'Les rappels, à compter de leur envoi, de leur annulation ou de leur abandon',
        period: { variable: 'RETENTION_MESSAGES_MONTHS' },
        then: 'supprimés',
      },
      {
        data: 'L’auteur de chaque entrée du journal d’audit des messages, et le compte qu’elle concerne',
        period: { variable: 'NOTIFICATION_AUDIT_PSEUDONYMISE_AFTER_YEARS' },
        then: 'remplacés par une mention anonyme (l’action et sa date restent)',
      },
      {
        data: 'Adresse, téléphone et choix de messages',
        period: 'account',
        then: 'supprimés à l’effacement du compte\u00a0; le téléphone, dès que vous le retirez',
      },
    ],
    transfers: NO_TRANSFER,
  },
];

/** « 3 ans sans connexion, puis … » with this deployment's periods. */
export function retentionText(entry: RetentionEntry, settings: RetentionSettings): string {
  if (entry.period === 'stated') return `${entry.data}\u00a0: ${entry.then}.`;
  if (entry.period === 'account') return `${entry.data}\u00a0: tant que le compte existe\u00a0; ${entry.then}.`;
  const { variable } = entry.period;
  const length = frenchPeriod(settings[variable], RETENTION_PERIODS[variable].unit);
  if (variable === 'RETENTION_INACTIVE_ACCOUNT_YEARS') {
    const notice = frenchPeriod(
      settings.RETENTION_INACTIVE_ACCOUNT_NOTICE_DAYS,
      RETENTION_PERIODS.RETENTION_INACTIVE_ACCOUNT_NOTICE_DAYS.unit,
    );
    return `${entry.data}\u00a0: ${length} sans connexion, puis ${entry.then} ${notice} après ce courriel.`;
  }
  return `${entry.data}\u00a0: ${length}, puis ${entry.then}.`;
}
