import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSeriesSchema, requestBookingSchema, type BookingView, type SeriesOccurrencePreview, type EstablishmentView, type MeResponse, type SearchResultItem } from '@salle/contracts';

/**
 * A stand-in for the gateway's /auth and /api, for this first version of the
 * browser tests only: the lead replaces it with the real stack (gateway,
 * booking service, identity sandbox) once the gateway lands. It answers
 * like the real services do (problem+json in French, 401 without session,
 * CSRF header required on writes) and records what the app sent.
 */
export interface FakeApi {
  handle(req: IncomingMessage, res: ServerResponse, body: string): boolean;
  requests: { method: string; path: string; headers: IncomingMessage['headers']; body: string }[];
  /** Calls answered 401 from now on, to play an expired session. */
  expireSessionOn: RegExp | null;
}

export const IDS = {
  account: '5b0f9b7e-1c1d-4a57-9b7a-6a1f2d3c4b5a',
  orgBasket: '7d1f0c7e-2f6c-4f0e-8d3a-6f7b0a2c9b11',
  orgChoir: '8e2a1d8f-3a7d-4b1f-9e4b-7a8c1b3d0c22',
  collegeA: '1a2b3c4d-0000-4000-8000-000000000001',
  collegeB: '1a2b3c4d-0000-4000-8000-000000000002',
  gym: '0b6f3bd2-5a43-4c3f-9a57-2f2b3c1a9e10',
  hall: '0b6f3bd2-5a43-4c3f-9a57-2f2b3c1a9e11',
  classroom: '0b6f3bd2-5a43-4c3f-9a57-2f2b3c1a9e12',
};

const establishment = (id: string, name: string, commune: string, insee: string, lat: number, lng: number): EstablishmentView => ({
  id,
  uai: id === IDS.collegeA ? '0380002W' : '0380003X',
  siret: null,
  name,
  address: '1 rue du Collège',
  postalCode: '38000',
  communeName: commune,
  communeInsee: insee,
  latitude: lat,
  longitude: lng,
  schoolZone: 'A',
  contactEmail: 'accueil@college.example',
  contactPhone: null,
  status: 'active',
  payoutReady: true,
  cancellationPolicy: null,
});

const ESTABLISHMENTS = [
  establishment(IDS.collegeA, 'Collège Champollion', 'Grenoble', '38185', 45.18, 5.72),
  establishment(IDS.collegeB, 'Collège Le Vergeron', 'Moirans', '38239', 45.32, 5.56),
];

const SPACES = [
  { id: IDS.gym, establishmentId: IDS.collegeA, kind: 'gymnasium' as const, name: 'Gymnase Champollion', capacity: 120, areaM2: 800, equipment: ['paniers de basket', 'vestiaires'], stepFreeAccess: true },
  { id: IDS.hall, establishmentId: IDS.collegeA, kind: 'multipurpose_hall' as const, name: 'Salle polyvalente', capacity: 60, areaM2: 150, equipment: ['sono', 'tables'], stepFreeAccess: true },
  { id: IDS.classroom, establishmentId: IDS.collegeB, kind: 'classroom' as const, name: 'Salle de classe 12', capacity: 30, areaM2: 55, equipment: ['vidéoprojecteur'], stepFreeAccess: false },
];

function spaceDetails(id: string) {
  const space = SPACES.find((item) => item.id === id);
  if (!space) return null;
  return {
    ...space,
    description: 'Grand gymnase avec tribune, accessible par l’entrée du parking.',
    photoUrls: [],
    bufferMinutes: 15,
    minDurationMinutes: 60,
    maxDurationMinutes: 240,
    minNoticeHours: 48,
    maxHorizonDays: 365,
    approvalRequired: true,
    allowedCategories: ['association', 'commune', 'training_organisation', 'company'],
    closedOnPublicHolidays: true,
    active: true,
    openingRules: [{ weekdays: [1, 2, 3, 4, 5], startTime: '18:00', endTime: '22:00', period: 'school_term', validFrom: null, validUntil: null }],
    tariffs: [
      { category: 'association', hourlyCents: 1000, halfDayCents: null, dayCents: 6000, depositCents: 0 },
      { category: 'company', hourlyCents: 4500, halfDayCents: 15000, dayCents: 25000, depositCents: 50000 },
    ],
  };
}

const dayAfter = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** 17:00Z is 18:00 or 19:00 in Paris: inside the opening hours either way. */
const slotOn = (date: string, hours: number) => ({ startsAt: `${date}T17:00:00.000Z`, endsAt: new Date(Date.parse(`${date}T17:00:00Z`) + hours * 3_600_000).toISOString() });

/** A Paris wall-clock time as an instant (offset of that day at noon: good enough away from the clock-change night). */
function parisInstant(date: string, time: string): Date {
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((part) => part.type === 'timeZoneName')?.value.replace('GMT', '') ?? '+1';
  const hours = Number(offset);
  return new Date(Date.parse(`${date}T${time}:00Z`) - hours * 3_600_000);
}

const ME: MeResponse = {
  account: { id: IDS.account, provider: 'franceconnect', displayName: 'Camille Martin', email: 'camille.martin@example.org' },
  roles: ['organisation_member'],
  organisations: [
    { id: IDS.orgBasket, name: 'Basket Club de Grenoble', kind: 'association', status: 'verified', role: 'owner' },
    { id: IDS.orgChoir, name: 'Chorale des Alpes', kind: 'association', status: 'verified', role: 'member' },
  ],
  establishments: [],
  csrfToken: 'token',
  session: { expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
  incomplete: false,
};

const AGENT: MeResponse = {
  account: { id: '6c1a0a8f-2d2e-4b68-8c8b-7b2e3d4c5b6a', provider: 'proconnect', displayName: 'Nathalie Roux', email: 'nathalie.roux@agents.sandbox.test', organisationLabel: 'Département de l’Isère' },
  roles: ['department_admin', 'establishment_manager'],
  organisations: [],
  establishments: [{ id: IDS.collegeA, name: 'Collège Champollion', uai: '0380002W' }],
  csrfToken: 'token',
  session: { expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
  incomplete: false,
};

const ORGANISATION_NAMES: Record<string, string> = Object.fromEntries(ME.organisations.map((organisation) => [organisation.id, organisation.name]));

function booking(id: string, organisationId: string, startsAt: Date, hours: number, status: BookingView['status'], seriesId: string | null = null): BookingView {
  return {
    id,
    spaceId: IDS.gym,
    establishmentId: IDS.collegeA,
    organisationId,
    seriesId,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + hours * 3_600_000).toISOString(),
    status,
    renterCategory: 'association',
    priceCents: hours * 1000,
    depositCents: 0,
    priceExplanation: `${hours} h à 10 € de l’heure`,
    purpose: 'Entraînement',
    attendees: 15,
    decisionMessage: null,
    refusalReason: null,
    cancelledBy: null,
    cancellationReason: null,
    refundPercent: null,
    expiresAt: null,
    createdAt: new Date().toISOString(),
  };
}

/** Bookings that exist before the tests act: two overlapping requests and a paid booking a month ahead. */
export function seedBookings(now = new Date()): BookingView[] {
  const inDays = (days: number) => new Date(Date.parse(`${new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10)}T17:00:00Z`));
  return [
    booking('c0000000-0000-4000-8000-000000000001', IDS.orgChoir, inDays(10), 2, 'requested'),
    booking('c0000000-0000-4000-8000-000000000002', IDS.orgBasket, new Date(inDays(10).getTime() + 3_600_000), 2, 'requested', 'd0000000-0000-4000-8000-000000000001'),
    booking('c0000000-0000-4000-8000-000000000003', IDS.orgBasket, inDays(30), 2, 'confirmed'),
  ];
}

export const SEEDED = {
  choirRequest: 'c0000000-0000-4000-8000-000000000001',
  basketRequest: 'c0000000-0000-4000-8000-000000000002',
  paidBooking: 'c0000000-0000-4000-8000-000000000003',
};

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): true {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body === undefined ? '' : JSON.stringify(body));
  return true;
}

function problem(res: ServerResponse, status: number, code: string, title: string, extra: Record<string, unknown> = {}): true {
  return send(res, status, { type: `urn:salle-sur-demande:problem:${code}`, title, status, code, ...extra }, 'application/problem+json');
}

export function createFakeApi(): FakeApi {
  const bookings: BookingView[] = seedBookings();
  const api: FakeApi = {
    requests: [],
    expireSessionOn: null,
    handle(req, res, body) {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname;
      if (!path.startsWith('/api/') && !path.startsWith('/auth/')) return false;
      const method = req.method ?? 'GET';
      api.requests.push({ method, path: `${path}${url.search}`, headers: req.headers, body });
      const session = /(?:^|;\s*)fake_session=(\w+)/.exec(req.headers.cookie ?? '')?.[1];
      const loggedIn = session === '1' || session === 'agent';
      const me = session === 'agent' ? AGENT : ME;

      if (path === '/auth/franceconnect/login' || path === '/auth/proconnect/login') {
        const returnTo = url.searchParams.get('returnTo') ?? '/';
        res.writeHead(303, { Location: returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/', 'Set-Cookie': 'fake_session=1; Path=/; HttpOnly; SameSite=Lax' });
        res.end();
        return true;
      }
      if (path === '/auth/logout' && method === 'POST') {
        res.writeHead(303, { Location: '/', 'Set-Cookie': 'fake_session=; Path=/; Max-Age=0' });
        res.end();
        return true;
      }
      if (api.expireSessionOn?.test(path)) return problem(res, 401, 'unauthenticated', 'Vous devez être connecté pour effectuer cette action.');
      if (method !== 'GET' && req.headers['x-requested-with'] !== 'fetch') {
        return problem(res, 403, 'csrf_rejected', 'La requête a été refusée par mesure de sécurité. Rechargez la page puis réessayez.');
      }
      if (path === '/api/me') return loggedIn ? send(res, 200, me) : problem(res, 401, 'unauthenticated', 'Vous devez être connecté pour effectuer cette action.');

      const booking = path.replace(/^\/api\/booking/, '');
      if (booking === '/establishments' && method === 'GET') return send(res, 200, { items: ESTABLISHMENTS, page: 1, pageSize: 100, total: ESTABLISHMENTS.length });
      const establishmentPart = /^\/establishments\/([^/]+)\/(spaces|closures|managers|calendar-link)$/.exec(booking);
      if (establishmentPart) {
        const [, id, part] = establishmentPart;
        if (part === 'spaces') return send(res, 200, { items: SPACES.filter((space) => space.establishmentId === id).map((space) => spaceDetails(space.id)) });
        if (part === 'closures') return send(res, 200, { items: [{ id: 'f0000000-0000-4000-8000-000000000001', establishmentId: id, spaceId: null, startsAt: '2027-04-10T22:00:00.000Z', endsAt: '2027-04-12T22:00:00.000Z', reason: 'Portes ouvertes' }] });
        if (part === 'managers') return send(res, 200, { accountIds: [AGENT.account.id] });
        return send(res, 200, { path: `/calendars/establishments/${id}-token.ics` });
      }
      const establishmentMatch = /^\/establishments\/([^/]+)$/.exec(booking);
      if (establishmentMatch) {
        const found = ESTABLISHMENTS.find((item) => item.id === establishmentMatch[1]);
        return found ? send(res, 200, found) : problem(res, 404, 'establishment_not_found', 'Établissement introuvable.');
      }
      if (booking === '/search') {
        const from = url.searchParams.get('from') ?? '';
        const to = url.searchParams.get('to') ?? '';
        if (to < from) return problem(res, 400, 'validation_failed', 'Les paramètres de la requête contiennent des valeurs invalides.', { errors: [{ field: 'to', message: 'la date de fin doit suivre la date de début' }] });
        const commune = url.searchParams.get('communeInsee');
        const hours = Number(url.searchParams.get('durationMinutes') ?? 120) / 60;
        const items: SearchResultItem[] = SPACES.filter((space) => !commune || ESTABLISHMENTS.find((item) => item.id === space.establishmentId)?.communeInsee === commune).map((space, index) => {
          const college = ESTABLISHMENTS.find((item) => item.id === space.establishmentId) ?? ESTABLISHMENTS[0];
          return {
            space: { id: space.id, name: space.name, kind: space.kind, capacity: space.capacity, areaM2: space.areaM2, equipment: space.equipment, stepFreeAccess: space.stepFreeAccess, photoUrls: [] },
            establishment: { id: college?.id ?? '', name: college?.name ?? '', communeName: college?.communeName ?? '', latitude: college?.latitude ?? 0, longitude: college?.longitude ?? 0 },
            distanceKm: null,
            price: { category: 'association', cents: 1000 * hours, explanation: `${hours} h à 10 € de l’heure`, depositCents: 0 },
            slots: [2, 3, 4, 5, 6].map((days) => slotOn(dayAfter(from, days + index), hours)),
          };
        });
        return send(res, 200, { items, nextCursor: null });
      }
      const spaceMatch = /^\/spaces\/([^/]+)(\/calendar)?$/.exec(booking);
      if (spaceMatch) {
        const details = spaceDetails(spaceMatch[1] ?? '');
        if (!details) return problem(res, 404, 'space_not_found', 'Espace introuvable.');
        if (!spaceMatch[2]) return send(res, 200, details);
        const monday = url.searchParams.get('from') ?? '';
        return send(res, 200, {
          spaceId: details.id,
          from: monday,
          to: url.searchParams.get('to'),
          timeZone: 'Europe/Paris',
          today: monday,
          segments: [
            { kind: 'school_time', startsAt: `${monday}T07:00:00.000Z`, endsAt: `${monday}T16:00:00.000Z` },
            { kind: 'free', ...slotOn(monday, 4) },
            { kind: 'booked', ...slotOn(dayAfter(monday, 1), 2), booking: undefined },
            { kind: 'free', startsAt: `${dayAfter(monday, 1)}T19:00:00.000Z`, endsAt: `${dayAfter(monday, 1)}T21:00:00.000Z` },
            { kind: 'closed', startsAt: `${dayAfter(monday, 4)}T23:00:00.000Z`, endsAt: `${dayAfter(monday, 5)}T23:00:00.000Z`, reason: 'Portes ouvertes du collège' },
            ...bookings
              .filter((item) => item.spaceId === details.id && item.startsAt < `${dayAfter(url.searchParams.get('to') ?? monday, 1)}T00:00:00Z` && item.endsAt > `${monday}T00:00:00Z`)
              .map((item) => ({
                kind: 'booked',
                startsAt: item.startsAt,
                endsAt: item.endsAt,
                booking: session === 'agent' || me.organisations.some((organisation) => organisation.id === item.organisationId)
                  ? { id: item.id, status: item.status, organisationName: ORGANISATION_NAMES[item.organisationId] ?? null, mine: session !== 'agent' }
                  : undefined,
              })),
          ],
        });
      }
      if (booking === '/bookings' && method === 'POST') {
        if (!loggedIn) return problem(res, 401, 'unauthenticated', 'Vous devez être connecté pour effectuer cette action.');
        const parsed = requestBookingSchema.safeParse(JSON.parse(body || '{}'));
        if (!parsed.success) {
          return problem(res, 400, 'validation_failed', 'Le corps de la requête contient des valeurs invalides.', {
            errors: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(racine)', message: issue.message })),
          });
        }
        const created: BookingView = {
          id: `b0000000-0000-4000-8000-${String(bookings.length + 1).padStart(12, '0')}`,
          spaceId: parsed.data.spaceId,
          establishmentId: IDS.collegeA,
          organisationId: parsed.data.organisationId,
          seriesId: null,
          startsAt: new Date(parsed.data.startsAt).toISOString(),
          endsAt: new Date(parsed.data.endsAt).toISOString(),
          status: 'requested',
          renterCategory: 'association',
          priceCents: 2000,
          depositCents: 0,
          priceExplanation: '2 h à 10 € de l’heure',
          purpose: parsed.data.purpose,
          attendees: parsed.data.attendees ?? null,
          decisionMessage: null,
          refusalReason: null,
          cancelledBy: null,
          cancellationReason: null,
          refundPercent: null,
          expiresAt: null,
          createdAt: new Date().toISOString(),
        };
        bookings.push(created);
        return send(res, 201, created);
      }
      if (booking === '/bookings' && method === 'GET') {
        if (!loggedIn) return problem(res, 401, 'unauthenticated', 'Vous devez être connecté pour effectuer cette action.');
        const organisationId = url.searchParams.get('organisationId');
        const establishmentId = url.searchParams.get('establishmentId');
        const status = url.searchParams.get('status');
        const items = bookings.filter(
          (item) => (organisationId ? item.organisationId === organisationId : item.establishmentId === establishmentId) && (!status || item.status === status),
        );
        return send(res, 200, { items, page: 1, pageSize: 100, total: items.length });
      }
      const bookingMatch = /^\/bookings\/([^/]+)(?:\/(approve|refuse|cancel))?$/.exec(booking);
      if (bookingMatch && loggedIn) {
        const found = bookings.find((item) => item.id === bookingMatch[1]);
        if (!found) return problem(res, 404, 'booking_not_found', 'Réservation introuvable.');
        const action = bookingMatch[2];
        if (!action) return send(res, 200, { ...found, history: [{ at: found.createdAt, actorRole: 'organisation_member', fromStatus: null, toStatus: 'requested', reason: null }] });
        const input = JSON.parse(body || '{}') as { reason?: string; message?: string };
        if (action === 'refuse' && !input.reason) {
          return problem(res, 400, 'validation_failed', 'Le corps de la requête contient des valeurs invalides.', { errors: [{ field: 'reason', message: 'indiquez le motif du refus' }] });
        }
        if (action === 'approve') Object.assign(found, { status: 'approved', decisionMessage: input.message ?? null });
        if (action === 'refuse') Object.assign(found, { status: 'refused', refusalReason: input.reason });
        if (action === 'cancel') Object.assign(found, { status: 'cancelled', cancelledBy: session === 'agent' ? 'establishment' : 'organisation', cancellationReason: input.reason ?? null, refundPercent: 100 });
        return send(res, 200, found);
      }
      if ((booking === '/series/preview' || booking === '/series') && method === 'POST' && loggedIn) {
        const parsed = createSeriesSchema.safeParse(JSON.parse(body || '{}'));
        if (!parsed.success) {
          return problem(res, 400, 'validation_failed', 'Le corps de la requête contient des valeurs invalides.', {
            errors: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(racine)', message: issue.message })),
          });
        }
        const until = /UNTIL=(\d{4})(\d{2})(\d{2})/.exec(parsed.data.rrule);
        const last = until ? `${until[1]}-${until[2]}-${until[3]}` : parsed.data.firstDate;
        const occurrences: SeriesOccurrencePreview[] = [];
        for (let date = parsed.data.firstDate; date <= last && occurrences.length < 60; date = dayAfter(date, 7)) {
          const index = occurrences.length;
          const state: SeriesOccurrencePreview['state'] = index === 1 ? 'conflict' : index === 2 ? 'skipped' : 'free';
          const reasons = state === 'conflict' ? [{ code: 'slot_taken', message: 'Le créneau est déjà réservé.' }] : state === 'skipped' ? [{ code: 'school_holidays', message: 'Vacances scolaires.' }] : [];
          const startsAt = parisInstant(date, parsed.data.startTime);
          occurrences.push({ date, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + parsed.data.durationMinutes * 60_000).toISOString(), state, reasons, priceCents: (parsed.data.durationMinutes / 60) * 1000 });
        }
        const count = (state: string) => occurrences.filter((item) => item.state === state).length;
        const totalPriceCents = occurrences.filter((item) => item.state === 'free').reduce((sum, item) => sum + item.priceCents, 0);
        if (booking === '/series/preview') {
          return send(res, 200, {
            spaceId: parsed.data.spaceId,
            establishmentId: IDS.collegeA,
            organisationId: parsed.data.organisationId,
            occurrences,
            summary: { total: occurrences.length, free: count('free'), conflict: count('conflict'), closed: 0, skipped: count('skipped'), totalPriceCents },
          });
        }
        return send(res, 201, {
          series: { id: 'd0000000-0000-4000-8000-000000000009', ...parsed.data, establishmentId: IDS.collegeA, requestedBy: IDS.account, createdAt: new Date().toISOString(), occurrences: [], statusCounts: { requested: count('free') } },
          occurrences: occurrences.map((item) => ({ ...item, state: item.state === 'free' ? 'created' : item.state, bookingId: null, status: item.state === 'free' ? 'requested' : null })),
          summary: { total: occurrences.length, created: count('free'), conflict: count('conflict'), closed: 0, skipped: count('skipped'), totalPriceCents },
        });
      }
      if (booking === '/statistics' && loggedIn) {
        const months = ['2026-01', '2026-02', '2026-03'].map((month, index) => ({ month, bookings: 10 + index * 5, bookedMinutes: 1200 + index * 600, bookedHours: 20 + index * 10, revenueCents: 20_000 + index * 10_000, offeredMinutes: 12_000, offeredHours: 200, occupancy: 0.1 + index * 0.05 }));
        const totals = { bookings: 45, bookedMinutes: 5400, bookedHours: 90, revenueCents: 90_000, offeredMinutes: 36_000, offeredHours: 600, occupancy: 0.15 };
        return send(res, 200, {
          from: url.searchParams.get('from'),
          to: url.searchParams.get('to'),
          totals,
          months,
          establishments: ESTABLISHMENTS.map((item) => ({ ...totals, establishmentId: item.id, uai: item.uai, name: item.name, communeName: item.communeName, months })),
        });
      }
      if (booking === '/organisations' && method === 'GET' && loggedIn) {
        const pending = [{ id: '9f3b2c1d-0000-4000-8000-000000000001', name: 'Club d’échecs de Voiron', kind: 'association', rna: 'W381000001', siren: null, address: '', postalCode: '38500', communeName: 'Voiron', insuranceReference: 'MACIF 42', insuranceExpiresOn: '2030-12-31', status: 'pending', rejectionReason: null }];
        return send(res, 200, { items: pending, page: 1, pageSize: 100, total: pending.length });
      }
      const membersMatch = /^\/organisations\/([^/]+)\/members$/.exec(booking);
      if (membersMatch && loggedIn) return send(res, 200, { items: [{ accountId: IDS.account, role: 'owner' }] });
      const organisationMatch = /^\/organisations\/([^/]+)(\/calendar-link)?$/.exec(booking);
      if (organisationMatch && loggedIn) {
        if (organisationMatch[2]) return send(res, 200, { path: `/calendars/organisations/${organisationMatch[1]}-token.ics` });
        const org = ME.organisations.find((item) => item.id === organisationMatch[1]);
        return org
          ? send(res, 200, { ...org, rna: 'W381234567', siren: null, address: '', postalCode: '38000', communeName: 'Grenoble', insuranceReference: 'MAIF 1234', insuranceExpiresOn: '2030-01-01', rejectionReason: null })
          : problem(res, 404, 'organisation_not_found', 'Organisation introuvable.');
      }
      return problem(res, 404, 'not_found', 'La ressource demandée est introuvable.');
    },
  };
  return api;
}
