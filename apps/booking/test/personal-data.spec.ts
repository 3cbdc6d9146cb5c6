// Right of access: GET /me/personal-data returns what the booking schema holds about the caller, found by the
// account id of the internal token, and nothing about anyone else.
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { BookingPersonalData, BookingView, EstablishmentView, OrganisationView } from '@salle/contracts';
import { createLogger } from '@salle/runtime';
import { publicHolidayOn } from '../src/domain/calendar';
import { Registry } from 'prom-client';
import { pseudonymiseOldAuditEntries, retentionReport } from '@salle/service';
import { BOOKING_AUDIT_LOG } from '../src/privacy/retention';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, gymnasium, parisInstant, upcomingSaturday } from './fixtures';

describe('GET /me/personal-data', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({
    siret: allevard.siret,
    displayName: 'Paul Gestionnaire',
    email: 'paul.gestionnaire@ac-grenoble.fr',
  });
  const person = franceConnectUser({ displayName: 'Angela Dubois' });
  const other = franceConnectUser({ displayName: 'Jeanne Martin' });
  let establishmentId: string;
  let organisationId: string;
  let otherOrganisationId: string;
  let spaceId: string;
  let bookingId: string;
  let otherBookingId: string;
  const saturday = upcomingSaturday(3, (date) => publicHolidayOn(date) !== null);

  async function verifiedOrganisation(owner: typeof person, name: string, rna: string) {
    const created = await api.as(owner).post<OrganisationView>('/organisations', association({ name, rna }));
    expect(created.status).toBe(201);
    await api.as(admin).post(`/organisations/${created.body.id}/verify`);
    return created.body.id;
  }

  async function requestBooking(who: typeof person, organisation: string, spaceId: string, time: string) {
    const response = await api.as(who).post<BookingView>('/bookings', {
      spaceId,
      organisationId: organisation,
      startsAt: parisInstant(saturday, time),
      endsAt: parisInstant(saturday, `${Number(time.slice(0, 2)) + 1}:00`),
      purpose: `Entraînement de ${who.displayName}`,
      attendees: 10,
    });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  beforeAll(async () => {
    api = await startBookingTestService('personal_data');
    establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    spaceId = (await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body['id'] as string;
    await api.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
      rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
    });
    await api.as(manager).put(`/spaces/${spaceId}/tariffs`, {
      tariffs: [{ category: 'association', hourlyCents: 1500 }],
    });
    await api.as(manager).get('/me');
    organisationId = await verifiedOrganisation(person, 'Basket Club', 'W381000123');
    otherOrganisationId = await verifiedOrganisation(other, 'Chorale', 'W381000456');
    bookingId = await requestBooking(person, organisationId, spaceId, '10:00');
    otherBookingId = await requestBooking(other, otherOrganisationId, spaceId, '14:00');
    expect((await api.as(manager).post(`/bookings/${bookingId}/approve`)).status).toBe(200);
  });
  afterAll(() => api.stop());

  it('gives a person their memberships, the bookings they requested and what they did, and nothing of others', async () => {
    const response = await api.as(person).get<BookingPersonalData>('/me/personal-data');
    expect(response.status).toBe(200);
    expect(response.body.memberships).toEqual([
      {
        organisationId,
        organisationName: 'Basket Club',
        role: 'owner',
        displayName: 'Angela Dubois',
        since: expect.any(String),
      },
    ]);
    expect(response.body.bookings).toEqual([
      expect.objectContaining({ id: bookingId, role: 'requested', purpose: 'Entraînement de Angela Dubois' }),
    ]);
    expect(response.body.auditEntries).toEqual([
      expect.objectContaining({ bookingId, toStatus: 'requested', actorRole: 'organisation_member' }),
    ]);
    expect(response.body.managedEstablishments).toEqual([]);
    const text = JSON.stringify(response.body);
    for (const foreign of [otherOrganisationId, otherBookingId, 'Chorale', 'Jeanne Martin']) {
      expect(text).not.toContain(foreign);
    }
  });

  it('gives a collège manager their collège and the bookings they decided', async () => {
    const { body } = await api.as(manager).get<BookingPersonalData>('/me/personal-data');
    expect(body.managedEstablishments).toEqual([
      {
        establishmentId,
        establishmentName: allevard.name,
        displayName: 'Paul Gestionnaire',
        email: 'paul.gestionnaire@ac-grenoble.fr',
      },
    ]);
    expect(body.bookings).toEqual([expect.objectContaining({ id: bookingId, role: 'decided' })]);
    expect(body.auditEntries).toEqual([expect.objectContaining({ bookingId, toStatus: 'approved' })]);
    expect(body.memberships).toEqual([]);
  });

  it('gives the messages each wrote and the certificates and photos each uploaded, not those of others', async () => {
    const write = async (who: typeof person, booking: string, body: string) =>
      expect((await api.as(who).post(`/bookings/${booking}/messages`, { body })).status).toBe(201);
    await write(person, bookingId, 'Peut-on venir dès 9\u00a0h\u00a030\u00a0?');
    await write(manager, bookingId, 'Oui, le gardien ouvre à 9\u00a0h\u00a015.');
    await write(other, otherBookingId, 'Message de Jeanne Martin');
    const document = await PDFDocument.create();
    document.addPage();
    const details = new URLSearchParams({
      insurer: 'MAIF',
      policyNumber: 'RC-2026-4471',
      expiresOn: '2099-08-31',
      fileName: 'attestation.pdf',
    });
    const certificate = await api
      .as(person)
      .postBytes(
        `/organisations/${organisationId}/insurance-certificate?${details}`,
        await document.save(),
        'application/pdf',
      );
    expect(certificate.status).toBe(201);
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c85a28' } })
      .jpeg()
      .toBuffer();
    const described = new URLSearchParams({ altText: 'Le gymnase vu des gradins', fileName: 'gymnase.jpg' });
    const photo = await api.as(manager).postBytes(`/spaces/${spaceId}/photos?${described}`, jpeg, 'image/jpeg');
    expect(photo.status).toBe(201);

    const mine = (await api.as(person).get<BookingPersonalData>('/me/personal-data')).body;
    expect(mine.messages).toEqual([
      {
        bookingId,
        authorRole: 'organisation_member',
        authorName: 'Angela Dubois',
        body: 'Peut-on venir dès 9\u00a0h\u00a030\u00a0?',
        attachmentFileName: null,
        createdAt: expect.any(String),
      },
    ]);
    expect(mine.insuranceCertificates).toEqual([
      {
        id: certificate.body['id'],
        organisationId,
        insurer: 'MAIF',
        policyNumber: 'RC-2026-4471',
        expiresOn: '2099-08-31',
        fileName: 'attestation.pdf',
        uploadedAt: expect.any(String),
      },
    ]);
    expect(mine.spacePhotos).toEqual([]);
    const managers = (await api.as(manager).get<BookingPersonalData>('/me/personal-data')).body;
    expect(managers.messages.map((message) => [message.authorRole, message.body])).toEqual([
      ['establishment_manager', 'Oui, le gardien ouvre à 9\u00a0h\u00a015.'],
    ]);
    expect(managers.spacePhotos).toEqual([
      { id: photo.body['id'], spaceId, altText: 'Le gymnase vu des gradins', uploadedAt: expect.any(String) },
    ]);
    expect(managers.insuranceCertificates).toEqual([]);
    expect(JSON.stringify(mine)).not.toContain('Jeanne Martin');
  });

  it('gives someone the service knows nothing about empty lists, and refuses a visitor', async () => {
    const { body } = await api.as(franceConnectUser()).get<BookingPersonalData>('/me/personal-data');
    expect(Object.values(body).every((list) => Array.isArray(list) && list.length === 0)).toBe(true);
    const visitor = await api.visitor.get('/me/personal-data');
    expect(visitor.status).toBe(401);
    expect(visitor.headers.get('content-type')).toContain('application/problem+json');
  });

  describe('POST /personal-data/:accountId/erase', () => {
    it('refuses anyone but a département admin, the person included', async () => {
      for (const who of [person, manager])
        expect((await api.as(who).post(`/personal-data/${person.accountId}/erase`)).status).toBe(403);
      expect((await api.visitor.post(`/personal-data/${person.accountId}/erase`)).status).toBe(401);
    });

    it('deletes memberships, pseudonymises the bookings kept for the accounts, and is idempotent', async () => {
      const [{ endsAt }] = await api.service.dataSource.query(
        `SELECT ends_at AS "endsAt" FROM booking.booking WHERE id = $1`,
        [bookingId],
      );
      // Kept until the retention job deletes it: ten years after its session ended.
      const keptUntil = new Date(endsAt);
      keptUntil.setUTCFullYear(keptUntil.getUTCFullYear() + 10);
      const first = await api.as(admin).post(`/personal-data/${person.accountId}/erase`);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        removed: 1,
        kept: [
          {
            what: 'bookings',
            count: 1,
            reason: expect.stringContaining('10\u00a0ans'),
            keptUntil: keptUntil.toISOString().slice(0, 10),
          },
        ],
      });
      const after = await api.as(person).get<BookingPersonalData>('/me/personal-data');
      expect(Object.values(after.body).every((list) => Array.isArray(list) && list.length === 0)).toBe(true);
      const [kept] = await api.service.dataSource.query(
        `SELECT requested_by, purpose FROM booking.booking WHERE id = $1`,
        [bookingId],
      );
      expect(kept).toEqual({ requested_by: '00000000-0000-0000-0000-000000000000', purpose: expect.any(String) });
      // Another person's data is untouched.
      const other_ = await api.as(other).get<BookingPersonalData>('/me/personal-data');
      expect(other_.body.memberships.map((m) => m.organisationId)).toEqual([otherOrganisationId]);
      expect(other_.body.bookings.map((b) => b.id)).toEqual([otherBookingId]);
      expect((await api.as(admin).post(`/personal-data/${person.accountId}/erase`)).body).toEqual({
        removed: 0,
        kept: [],
      });
    });
  });

  describe('retention', () => {
    it('pseudonymises audit entries older than the period only, idempotently, on a simulated clock', async () => {
      const logger = createLogger({ service: 'booking', level: 'silent' });
      const registry = new Registry();
      const report = retentionReport(logger, registry);
      const { dataSource } = api.service;
      const periods = { BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS: 5 };
      expect(await pseudonymiseOldAuditEntries(dataSource, BOOKING_AUDIT_LOG, periods, report)).toBe(0);
      const sixYearsOn = new Date();
      sixYearsOn.setUTCFullYear(sixYearsOn.getUTCFullYear() + 6);
      expect(
        await pseudonymiseOldAuditEntries(dataSource, BOOKING_AUDIT_LOG, periods, report, sixYearsOn),
      ).toBeGreaterThan(0);
      expect(await pseudonymiseOldAuditEntries(dataSource, BOOKING_AUDIT_LOG, periods, report, sixYearsOn)).toBe(0);
      const [left] = await dataSource.query(
        `SELECT count(*)::int AS n FROM booking.audit_entry WHERE actor_account_id IS NOT NULL`,
      );
      expect(left.n).toBe(0);
      // Reported as a metric (counts only).
      const metric = await registry.getSingleMetric('retention_records_total')?.get();
      expect(metric?.values).toEqual([
        { labels: { kind: 'audit_entries', action: 'pseudonymised' }, value: expect.any(Number) },
      ]);
      expect((await api.as(manager).get<BookingPersonalData>('/me/personal-data')).body.auditEntries).toEqual([]);
      // The history itself stays.
      const [kept] = await dataSource.query(`SELECT count(*)::int AS n FROM booking.audit_entry`);
      expect(kept.n).toBeGreaterThan(0);
    });
  });
});
