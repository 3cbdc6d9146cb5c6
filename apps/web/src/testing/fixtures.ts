import type {
  BookingView,
  EstablishmentView,
  OrganisationView,
  SpaceDetailsView,
  StatisticsView,
} from '@salle/contracts';

// Answers as the booking service gives them, for the screens' jsdom tests.

export const establishment: EstablishmentView = {
  id: '1d3c7f2a-5b6e-4c8d-9e0f-a1b2c3d4e5f6',
  uai: '0380002W',
  siret: '19380002900013',
  name: 'Collège Champollion',
  address: '1 rue du Lycée',
  postalCode: '38000',
  communeName: 'Grenoble',
  communeInsee: '38185',
  latitude: 45.18,
  longitude: 5.72,
  schoolZone: 'A',
  contactEmail: 'college@example.fr',
  contactPhone: null,
  status: 'active',
  payoutReady: true,
  cancellationPolicy: null,
};

export const space: SpaceDetailsView = {
  id: '6f0d1c0e-7c1b-4b53-9d59-0d7f6a1c2b3e',
  establishmentId: establishment.id,
  kind: 'gymnasium',
  name: 'Gymnase',
  capacity: 80,
  areaM2: 600,
  equipment: ['paniers de basket'],
  stepFreeAccess: true,
  description: 'Un grand gymnase.',
  photoUrls: [],
  bufferMinutes: 0,
  minDurationMinutes: 60,
  maxDurationMinutes: 240,
  minNoticeHours: 48,
  maxHorizonDays: 180,
  approvalRequired: true,
  allowedCategories: ['association'],
  closedOnPublicHolidays: true,
  active: true,
  openingRules: [
    {
      weekdays: [1, 2],
      startTime: '18:00',
      endTime: '22:00',
      period: 'school_term',
      validFrom: null,
      validUntil: null,
    },
  ],
  tariffs: [{ category: 'association', hourlyCents: 1600, halfDayCents: null, dayCents: null, depositCents: 2550 }],
  schoolYearEndsOn: '2027-07-03',
};

export const organisation: OrganisationView = {
  id: '0a9b8c7d-6e5f-4a3b-8c1d-0e9f8a7b6c5d',
  name: 'Basket Club Grenoble',
  kind: 'association',
  rna: 'W381234567',
  siren: null,
  address: '2 place Grenette',
  postalCode: '38000',
  communeName: 'Grenoble',
  insuranceReference: 'MAIF 123',
  insuranceExpiresOn: '2027-12-31',
  status: 'pending',
  rejectionReason: null,
  contactName: 'Claire Martin',
  contactPhone: '+33612345678',
  contactEmail: 'claire.martin@example.fr',
  contactSmsConsent: false,
  verifiedAt: null,
};

export const requestedBooking: BookingView = {
  id: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716',
  spaceId: space.id,
  spaceName: space.name,
  establishmentId: establishment.id,
  establishmentName: establishment.name,
  organisationId: organisation.id,
  organisationName: organisation.name,
  seriesId: null,
  startsAt: '2027-01-11T17:00:00Z',
  endsAt: '2027-01-11T19:00:00Z',
  status: 'requested',
  renterCategory: 'association',
  priceCents: 3200,
  depositCents: 2550,
  priceExplanation: '2 h à 16,00 € de l’heure',
  purpose: 'Entraînement',
  attendees: 20,
  decisionMessage: null,
  refusalReason: null,
  cancelledBy: null,
  cancellationReason: null,
  refundPercent: null,
  expiresAt: null,
  createdAt: '2026-12-01T10:00:00Z',
};

export const statistics: StatisticsView = {
  from: '2026-01-01',
  to: '2026-12-06',
  totals: {
    bookings: 3,
    bookedHours: 6,
    bookedMinutes: 360,
    revenueCents: 9600,
    offeredMinutes: 3600,
    offeredHours: 60,
    occupancy: 0.1,
  },
  months: [
    {
      month: '2026-01',
      bookings: 1,
      bookedHours: 2,
      bookedMinutes: 120,
      revenueCents: 3200,
      offeredMinutes: 3600,
      offeredHours: 60,
      occupancy: 0.1,
    },
    {
      month: '2026-02',
      bookings: 2,
      bookedHours: 4,
      bookedMinutes: 240,
      revenueCents: 6400,
      offeredMinutes: 3600,
      offeredHours: 60,
      occupancy: 0.2,
    },
  ],
  establishments: [
    {
      establishmentId: establishment.id,
      uai: establishment.uai,
      name: establishment.name,
      communeName: establishment.communeName,
      bookings: 3,
      bookedHours: 6,
      bookedMinutes: 360,
      revenueCents: 9600,
      offeredMinutes: 3600,
      offeredHours: 60,
      occupancy: 0.1,
      months: [],
    },
  ],
};

/** `count` requested sessions of a series, one a day from `firstDay` (09:00–11:00 UTC), ids numbered under `idBlock`. */
export function dailySessions(seriesId: string, count: number, firstDay: string, idBlock = '8000'): BookingView[] {
  const first = Date.parse(`${firstDay}T09:00:00Z`);
  return Array.from({ length: count }, (_, k) => ({
    ...requestedBooking,
    id: `00000000-0000-4000-${idBlock}-${String(k).padStart(12, '0')}`,
    seriesId,
    startsAt: new Date(first + k * 86_400_000).toISOString(),
    endsAt: new Date(first + k * 86_400_000 + 7_200_000).toISOString(),
  }));
}
