import type { AuditService } from './audit';

// The audit log's French labels, for the viewer (« Journal d’audit ») and the CSV export. Plain data with no
// import but a type, at `@salle/contracts/audit-labels`, so that the web's lazily loaded page takes it alone.

/** How the viewer and the CSV export name each action, in French; an unlisted code is shown as it is. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'booking.status_changed': 'Réservation\u00a0: changement de statut',
  'booking.journal_entry': 'Réservation\u00a0: étape notée (convention, refus)',
  'establishment.created': 'Collège créé',
  'establishment.updated': 'Collège modifié',
  'manager.invited': 'Gestionnaire invité',
  'manager.invitation_cancelled': 'Invitation de gestionnaire annulée',
  'manager.revoked': 'Gestionnaire retiré',
  'space.created': 'Espace créé',
  'space.updated': 'Espace modifié',
  'space.opening_rules_replaced': 'Horaires d’ouverture remplacés',
  'space.tariffs_replaced': 'Tarifs remplacés',
  'closure.created': 'Fermeture créée',
  'closure.deleted': 'Fermeture supprimée',
  'organisation.verified': 'Organisme vérifié',
  'organisation.rejected': 'Organisme refusé',
  'payment.succeeded': 'Paiement encaissé',
  'payment.counter_recorded': 'Paiement au guichet enregistré',
  'invoice.marked_paid': 'Facture marquée payée',
  'payout_account.created': 'Compte de versement créé',
  'flag.resolved': 'Signalement traité',
  'flag.payer_contacted': 'Payeur contacté',
  'preferences.updated': 'Préférences de messages modifiées',
  'preferences.phone_updated': 'Téléphone pour les SMS modifié',
  'preferences.digest_updated': 'Récapitulatif quotidien modifié',
  'preferences.unsubscribed': 'Désabonnement par lien',
  'establishment.contact_phone_updated': 'Téléphone du collège modifié',
  'erasure.requested': 'Suppression de compte demandée',
  'erasure.executed': 'Suppression de compte exécutée',
};

/** The roles an entry names, in French. */
export const AUDIT_ROLE_LABELS: Readonly<Record<string, string>> = {
  department_admin: 'Agent du département',
  establishment_manager: 'Gestionnaire de collège',
  organisation_member: 'Membre d’organisme',
  account_holder: 'Titulaire du compte',
  contact_address: 'Adresse de contact',
  provider: 'Prestataire de paiement',
  system: 'Système',
  outsider: 'Personne extérieure',
};

/** The services, in French. */
export const AUDIT_SERVICE_LABELS: Readonly<Record<AuditService, string>> = {
  booking: 'Réservations',
  gateway: 'Comptes',
  notification: 'Messages',
  payment: 'Paiements',
};
