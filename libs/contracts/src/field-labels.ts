// How request fields are named to people, with no zod: the web's first page names fields in its error
// summary without loading the validation library (see validation-messages.ts for the messages themselves).

const NBSP = '\u00a0';

/**
 * How a request field is named to people, keyed by the last non-numeric segment of its path.
 * A field missing here is named « Le champ « key » », which still tells where to look.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'Le nom',
  displayName: 'Le nom affiché',
  description: 'La description',
  email: 'L’adresse e-mail',
  contactEmail: 'L’adresse e-mail de contact',
  contactPhone: 'Le téléphone de contact',
  address: 'L’adresse',
  postalCode: 'Le code postal',
  communeName: 'La commune',
  communeInsee: 'La commune',
  latitude: 'La latitude',
  longitude: 'La longitude',
  radiusKm: 'Le rayon de recherche',
  siret: 'Le numéro SIRET',
  siren: 'Le numéro SIREN',
  rna: 'Le numéro RNA',
  uai: 'Le code UAI',
  schoolZone: 'La zone de vacances scolaires',
  zone: 'La zone de vacances scolaires',
  timeZone: 'Le fuseau horaire',
  months: 'Les mois',
  refundPercent: 'Le pourcentage de remboursement',
  weekday: 'Le jour de la semaine',
  startTime: 'L’heure de début',
  endTime: 'L’heure de fin',
  validFrom: 'Le début de validité',
  validUntil: 'La fin de validité',
  capacity: 'La capacité',
  minCapacity: 'La capacité minimale',
  attendees: 'Le nombre de participants',
  purpose: 'L’objet de la réservation',
  reason: 'Le motif',
  message: 'Le message',
  startsAt: 'Le début',
  endsAt: 'La fin',
  from: 'La date de début',
  to: 'La date de fin',
  date: 'La date',
  weekdays: 'Les jours de la semaine',
  rrule: 'La règle de répétition',
  durationMinutes: 'La durée',
  minDurationMinutes: 'La durée minimale',
  maxDurationMinutes: 'La durée maximale',
  bufferMinutes: 'Le battement entre deux réservations',
  minNoticeHours: 'Le délai de prévenance',
  maxHorizonDays: 'L’horizon de réservation',
  hourlyCents: 'Le tarif horaire',
  halfDayCents: 'Le tarif à la demi-journée',
  dayCents: 'Le tarif à la journée',
  priceCents: 'Le prix',
  depositCents: 'La caution',
  percent: 'Le pourcentage',
  latePercent: 'Le pourcentage en cas d’annulation tardive',
  insuranceReference: 'La référence d’assurance',
  organisationId: 'L’organisation',
  establishmentId: 'Le collège',
  spaceId: 'L’espace',
  bookingId: 'La réservation',
  seriesId: 'La série',
  accountId: 'Le compte',
  id: 'L’identifiant',
  kind: 'Le type d’espace',
  equipment: 'Les équipements',
  photoUrls: 'Les photos',
  allowedCategories: 'Les catégories autorisées',
  category: 'La catégorie',
  role: 'Le rôle',
  roles: 'Les rôles',
  status: 'Le statut',
  code: 'Le code',
  token: 'Le lien d’invitation',
  q: 'La recherche',
  query: 'La recherche',
  page: 'La page',
  pageSize: 'Le nombre de résultats par page',
  limit: 'Le nombre de résultats',
  cursor: 'La page de résultats',
  csv: 'Le fichier CSV',
  content: 'Le contenu du fichier',
  eligibility: 'Les conditions d’accès',
  tariffs: 'Les tarifs',
  openingRules: 'Les horaires d’ouverture',
  closedOnPublicHolidays: 'La fermeture les jours fériés',
  approvalRequired: 'La validation des demandes',
  stepFreeAccess: 'L’accès de plain-pied',
  dryRun: 'Le mode essai',
};

/** « Le nom », « L’adresse e-mail »…, or « Le champ « x » » for a field without a label; null at the root. */
export function fieldLabel(path: readonly PropertyKey[]): string | null {
  // « tariffs.1.hourlyCents » is named by « hourlyCents »; a list position names nothing.
  const key = [...path]
    .reverse()
    .find((segment): segment is string => typeof segment === 'string' && !/^\d+$/.test(segment));
  if (key === undefined) return null;
  return FIELD_LABELS[key] ?? `Le champ «${NBSP}${key}${NBSP}»`;
}
