import type { BookingView, EstablishmentView, OrganisationView, RequesterView } from '@salle/contracts';
import { schoolCalendar } from '../src/availability/school-calendar';
import { addDays, localDateOf, weekdayOf, type LocalDate } from '../src/domain/time';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant } from './fixtures';

const zoneA = schoolCalendar().forZone('A');
function plainWednesday(weeks: number): LocalDate {
  for (let day = addDays(localDateOf(new Date()), 7 * weeks); ; day = addDays(day, 1)) {
    if (weekdayOf(day) === 3 && zoneA.publicHolidayOn(day) === null) return day;
  }
}

describe('who is asking: the requester panel', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const member = franceConnectUser();
  const stranger = franceConnectUser();
  let establishmentId: string;
  let otherEstablishmentId: string;
  let organisationId: string;
  let silentOrganisationId: string;
  let gymId: string;

  beforeAll(async () => {
    api = await startBookingTestService('requesters');
    establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    otherEstablishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire)).body.id;
    gymId = (await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body['id'] as string;
    await api.as(manager).put(`/spaces/${gymId}/opening-rules`, {
      rules: [{ weekdays: [1, 2, 3, 4, 5], startTime: '18:00', endTime: '22:00', period: 'always' }],
    });
    await api
      .as(manager)
      .put(`/spaces/${gymId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1500, depositCents: 0 }] });
    const created = await api.as(member).post<OrganisationView>(
      '/organisations',
      association({
        contactName: 'Claire Martin',
        contactPhone: '06 12 34 56 78',
        contactEmail: 'claire@basket.example',
      }),
    );
    expect(created.status).toBe(201);
    organisationId = created.body.id;
    await api.as(admin).post(`/organisations/${organisationId}/verify`);
    silentOrganisationId = (
      await api
        .as(stranger)
        .post<OrganisationView>('/organisations', association({ name: 'Judo Club', rna: 'W381000456' }))
    ).body.id;

    const book = async (day: LocalDate, start: string, end: string) =>
      (
        await api.as(member).post<BookingView>('/bookings', {
          spaceId: gymId,
          organisationId,
          startsAt: parisInstant(day, start),
          endsAt: parisInstant(day, end),
        })
      ).body.id;
    const first = await book(plainWednesday(3), '18:00', '19:00');
    const second = await book(plainWednesday(4), '18:00', '19:00');
    await book(plainWednesday(5), '18:00', '19:00');
    await api.as(manager).post(`/bookings/${first}/approve`);
    await api.as(member).post(`/bookings/${first}/cancel`, { reason: 'Match reporté' });
    await api.as(manager).post(`/bookings/${second}/approve`);
  });
  afterAll(() => api.stop());

  const panel = (who = manager, id = establishmentId, org = organisationId) =>
    api.as(who).get<RequesterView>(`/establishments/${id}/requesters/${org}`);

  it('keeps the contact person given at declaration, in E.164, and the date of verification', async () => {
    const view = await api.as(member).get<OrganisationView>(`/organisations/${organisationId}`);
    expect(view.body).toMatchObject({
      contactName: 'Claire Martin',
      contactPhone: '+33612345678',
      contactEmail: 'claire@basket.example',
      status: 'verified',
    });
    expect(Date.now() - Date.parse(view.body.verifiedAt ?? '')).toBeLessThan(60_000);
    const bad = await api
      .as(member)
      .post('/organisations', association({ rna: 'W381000789', contactEmail: 'pas une adresse' }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/"field":"contactEmail"/);
    // A phone number of the right shape but no real number: the service reads it and refuses it.
    const notANumber = await api
      .as(member)
      .post('/organisations', association({ rna: 'W381000790', contactPhone: '06 00' }));
    expect(notANumber.status).toBe(400);
    expect(JSON.stringify(notANumber.body)).toMatch(/"field":"contactPhone"/);
  });

  it('shows the collège the organisation, its contact and its history with this collège', async () => {
    const response = await panel();
    expect(response.status).toBe(200);
    expect(response.body.organisation).toMatchObject({
      name: association().name,
      kind: 'association',
      rna: association().rna,
      insuranceExpiresOn: association().insuranceExpiresOn,
      contactPhone: '+33612345678',
    });
    expect(response.body.history).toMatchObject({
      statusCounts: { cancelled: 1, approved: 1, requested: 1 },
      cancelledByOrganisation: 1,
      cancelledByEstablishment: 0,
    });
    expect(response.body.history.recent).toHaveLength(3);
    expect(response.body.history.recent[0]?.startsAt > (response.body.history.recent[2]?.startsAt ?? '')).toBe(true);
    expect(response.body.history.firstStartsAt).toBe(response.body.history.recent[2]?.startsAt);
  });

  it('refuses members, visitors and another collège, and hides organisations that never asked this collège', async () => {
    expect((await api.visitor.get(`/establishments/${establishmentId}/requesters/${organisationId}`)).status).toBe(401);
    expect((await panel(member)).status).toBe(403);
    expect((await panel(otherManager)).status).toBe(403);
    expect((await panel(otherManager, otherEstablishmentId)).body).toMatchObject({
      status: 404,
      code: 'organisation_not_found',
    });
    expect((await panel(manager, establishmentId, silentOrganisationId)).status).toBe(404);
    const adminView = await panel(admin, establishmentId, silentOrganisationId);
    expect(adminView.status).toBe(200);
    expect(adminView.body.history).toMatchObject({ statusCounts: {}, firstStartsAt: null, recent: [] });
  });

  describe('the staff organisation search (the audit log filter)', () => {
    const search = (who: typeof admin | typeof member, q: string) =>
      api
        .as(who)
        .get<{ items: { id: string; name: string; rna: string | null; status: string }[] }>(
          `/organisation-search?q=${encodeURIComponent(q)}`,
        );
    const ids = async (who: typeof admin, q: string) => (await search(who, q)).body.items.map((item) => item.id);

    it('finds any organisation for an admin, by part of the name (any case) or its exact RNA', async () => {
      expect((await ids(admin, 'club')).sort()).toEqual([organisationId, silentOrganisationId].sort());
      expect(await ids(admin, 'judo')).toEqual([silentOrganisationId]);
      expect(await ids(admin, 'w381000456')).toEqual([silentOrganisationId]);
      const [found] = (await search(admin, 'Judo')).body.items;
      // Enough to recognise it, nothing about its people.
      expect(found).toEqual({
        id: silentOrganisationId,
        name: 'Judo Club',
        rna: 'W381000456',
        siren: null,
        status: 'pending',
      });
      // A pattern's wildcards are taken literally.
      expect(await ids(admin, '%%')).toEqual([]);
    });

    it('finds a name whatever its accents and case, typed with or without them', async () => {
      expect(await ids(admin, 'gresivaudan')).toEqual([organisationId]);
      expect(await ids(admin, 'GRÉSIVAUDAN')).toEqual([organisationId]);
      expect(await ids(admin, 'du grésivaudan')).toEqual([organisationId]);
      expect(await ids(admin, 'gresivaudán')).toEqual([organisationId]);
      expect(await ids(admin, 'grasivaudan')).toEqual([]);
    });

    it('gives a manager only the organisations that booked at a collège they manage', async () => {
      expect(await ids(manager, 'club')).toEqual([organisationId]);
      expect(await ids(manager, 'W381000456')).toEqual([]);
      // The other collège's manager: nobody booked there.
      expect(await ids(otherManager, 'club')).toEqual([]);
    });

    it('refuses members and visitors, and a query too short', async () => {
      expect((await search(member, 'club')).status).toBe(403);
      expect((await api.visitor.get('/organisation-search?q=club')).status).toBe(401);
      expect((await search(admin, 'c')).status).toBe(400);
    });
  });
});
