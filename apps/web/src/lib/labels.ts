import type { BadgeSeverity } from '../ui/badge';
import type { AccountRole, BookingStatus, ManagerOrigin, RenterCategory, SpaceKind } from '@salle/contracts';

export const SPACE_KIND_LABELS: Record<SpaceKind, string> = {
  classroom: 'Salle de classe',
  multipurpose_hall: 'Salle polyvalente',
  gymnasium: 'Gymnase',
  auditorium: 'Amphithéâtre',
  boarding: 'Internat',
  meeting_room: 'Salle de réunion',
  other: 'Autre espace',
};

export const RENTER_CATEGORY_LABELS: Record<RenterCategory, string> = {
  association: 'Association',
  commune: 'Commune',
  training_organisation: 'Organisme de formation',
  company: 'Entreprise',
};

export type { BadgeSeverity };

export const BOOKING_STATUS: Record<BookingStatus, { label: string; severity: BadgeSeverity }> = {
  requested: { label: 'Demandée', severity: 'new' },
  approved: { label: 'Acceptée, à payer', severity: 'info' },
  awaiting_payment: { label: 'En attente de paiement', severity: 'warning' },
  confirmed: { label: 'Confirmée', severity: 'success' },
  completed: { label: 'Terminée', severity: 'success' },
  refused: { label: 'Refusée', severity: 'error' },
  expired: { label: 'Expirée', severity: 'error' },
  cancelled: { label: 'Annulée', severity: 'error' },
};

export const ORGANISATION_STATUS: Record<string, { label: string; severity: BadgeSeverity }> = {
  pending: { label: 'En cours de vérification', severity: 'new' },
  verified: { label: 'Vérifiée', severity: 'success' },
  rejected: { label: 'Refusée', severity: 'error' },
};

export const ROLE_LABELS: Record<AccountRole, string> = {
  department_admin: 'Agent du département',
  establishment_manager: 'Gestionnaire d’établissement',
  organisation_member: 'Membre d’une organisation',
};

/** How a manager was designated, after their name: « Nadia Roux, par le SIRET de son administration ». */
export const MANAGER_ORIGIN_LABELS: Record<ManagerOrigin, string> = {
  siret: 'par le SIRET de son administration',
  invitation: 'sur invitation',
};

export const ESTABLISHMENT_STATUS: Record<string, { label: string; severity: BadgeSeverity }> = {
  draft: { label: 'Brouillon', severity: 'new' },
  active: { label: 'Ouvert aux réservations', severity: 'success' },
  suspended: { label: 'Suspendu', severity: 'error' },
};

export const OPENING_PERIOD_LABELS: Record<string, string> = {
  school_term: 'en période scolaire',
  school_holidays: 'pendant les vacances scolaires',
  always: 'toute l’année',
};

/** Index 0 is Monday (ISO weekday 1). */
export const WEEKDAYS = [
  { iso: 1, code: 'MO', label: 'lundi', short: 'lun.' },
  { iso: 2, code: 'TU', label: 'mardi', short: 'mar.' },
  { iso: 3, code: 'WE', label: 'mercredi', short: 'mer.' },
  { iso: 4, code: 'TH', label: 'jeudi', short: 'jeu.' },
  { iso: 5, code: 'FR', label: 'vendredi', short: 'ven.' },
  { iso: 6, code: 'SA', label: 'samedi', short: 'sam.' },
  { iso: 7, code: 'SU', label: 'dimanche', short: 'dim.' },
] as const;

export function weekdayLabel(iso: number): string {
  return WEEKDAYS[iso - 1]?.label ?? String(iso);
}

/** « lundi, mardi et jeudi » */
export function listInFrench(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

export function capitalise(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
