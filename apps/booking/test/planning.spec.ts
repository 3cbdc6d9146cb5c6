import type { BookingView, EstablishmentView, OrganisationView, PlanningView } from '@salle/contracts';
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

/** A Monday at least two weeks ahead whose next nine days hold no public holiday. */
function plainMonday(): LocalDate {
  for (let day = addDays(localDateOf(new Date()), 14); ; day = addDays(day, 1)) {
    if (weekdayOf(day) !== 1) continue;
    if (Array.from({ length: 9 }, (_, k) => addDays(day, k)).every((d) => zoneA.publicHolidayOn(d) === null)) {
      return day;
    }
  }
}

describe('planning of a collège and of the département', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const member = franceConnectUser({ displayName: 'Angela Dubois' });
  const monday = plainMonday();
  let establishmentId: string;
  let otherEstablishmentId: string;
  let gymId: string;
  let hallId: string;
  const ids: Record<string, string> = {};

  async function space(name: string, kind: string) {
    const created = await api
      .as(manager)
      .post(`/establishments/${establishmentId}/spaces`, { ...gymnasium, name, kind });
    expect(created.status).toBe(201);
    const id = created.body['id'] as string;
    await api.as(manager).put(`/spaces/${id}/opening-rules`, {
      rules: [{ weekdays: [1, 2, 3, 4, 5], startTime: '18:00', endTime: '22:00', period: 'always' }],
    });
    await api
      .as(manager)
      .put(`/spaces/${id}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1500, depositCents: 0 }] });
    return id;
  }

  async function book(spaceId: string, organisationId: string, day: LocalDate, start: string, end: string) {
    const created = await api.as(member).post<BookingView>('/bookings', {
      spaceId,
      organisationId,
      startsAt: parisInstant(day, start),
      endsAt: parisInstant(day, end),
      purpose: 'Entraînement',
      attendees: 18,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  beforeAll(async () => {
    api = await startBookingTestService('planning');
    establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    otherEstablishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire)).body.id;
    gymId = await space('Gymnase', 'gymnasium');
    hallId = await space('Salle polyvalente', 'multipurpose_hall');
    const organisation = await api
      .as(member)
      .post<OrganisationView>(
        '/organisations',
        association({ contactPhone: '06 12 34 56 78', contactEmail: 'bureau@basket-gresivaudan.fr' }),
      );
    await api.as(admin).post(`/organisations/${organisation.body.id}/verify`);
    const organisationId = organisation.body.id;

    ids['approved'] = await book(gymId, organisationId, monday, '18:00', '20:00');
    ids['requested'] = await book(hallId, organisationId, addDays(monday, 2), '19:00', '21:00');
    ids['refused'] = await book(gymId, organisationId, addDays(monday, 3), '18:00', '19:00');
    ids['nextWeek'] = await book(gymId, organisationId, addDays(monday, 7), '18:00', '19:00');
    await api.as(manager).post(`/bookings/${ids['approved']}/approve`, { message: 'Badge à retirer à la loge' });
    await api.as(manager).post(`/bookings/${ids['refused']}/refuse`, { reason: 'Compétition' });
    const close = async (who: typeof manager, college: string, body: Record<string, unknown>) =>
      expect((await api.as(who).post(`/establishments/${college}/closures`, body)).status).toBe(201);
    const friday = addDays(monday, 4);
    await close(manager, establishmentId, {
      startsAt: parisInstant(friday, '18:00'),
      endsAt: parisInstant(friday, '22:00'),
      reason: 'Réunion des parents',
    });
    await close(manager, establishmentId, {
      spaceId: hallId,
      startsAt: parisInstant(addDays(monday, 1), '18:00'),
      endsAt: parisInstant(addDays(monday, 1), '22:00'),
      reason: 'Peinture',
    });
    await close(otherManager, otherEstablishmentId, {
      startsAt: parisInstant(friday, '18:00'),
      endsAt: parisInstant(friday, '22:00'),
      reason: 'Conseil de classe',
    });
    // Outside the week: not in its planning.
    await close(manager, establishmentId, {
      startsAt: parisInstant(addDays(monday, 8), '18:00'),
      endsAt: parisInstant(addDays(monday, 8), '22:00'),
      reason: 'Plus tard',
    });
  });
  afterAll(() => api.stop());

  const planning = (who = manager, path = `/establishments/${establishmentId}/planning?from=${monday}`) =>
    api.as(who).get<PlanningView>(path);

  it('gives every space of the collège for the week in one answer, with who comes, the contact and the access notes', async () => {
    const response = await planning();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ from: monday, to: addDays(monday, 6) });
    const [college] = response.body.establishments;
    expect(response.body.establishments).toHaveLength(1);
    expect(college).toMatchObject({ id: establishmentId, name: allevard.name, address: allevard.address });
    expect(college?.spaces.map((s) => [s.name, s.entries.map((e) => e.bookingId)])).toEqual([
      ['Gymnase', [ids['approved']]],
      ['Salle polyvalente', [ids['requested']]],
    ]);
    expect(college?.spaces[0]?.entries[0]).toMatchObject({
      status: 'approved',
      organisationName: association().name,
      contactName: 'Angela Dubois',
      contactPhone: '+33612345678',
      contactEmail: 'bureau@basket-gresivaudan.fr',
      purpose: 'Entraînement',
      attendees: 18,
      accessNotes: 'Badge à retirer à la loge',
      startsAt: new Date(parisInstant(monday, '18:00')).toISOString(),
    });
    expect(college?.spaces[1]?.entries[0]).toMatchObject({ status: 'requested', accessNotes: null });
    // The closures of the week, the collège's and its spaces', in time order; not another collège's.
    expect(college?.closures.map((c) => [c.spaceId, c.reason])).toEqual([
      [hallId, 'Peinture'],
      [null, 'Réunion des parents'],
    ]);
  });

  it('reads one day when asked, and a space with nothing that day is still listed', async () => {
    const response = await planning(manager, `/establishments/${establishmentId}/planning?from=${monday}&days=1`);
    expect(response.body.to).toBe(monday);
    expect(response.body.establishments[0]?.spaces.map((s) => s.entries.length)).toEqual([1, 0]);
  });

  it('refuses visitors, members, another collège’s manager, an unknown collège and more than a week', async () => {
    expect((await api.visitor.get(`/establishments/${establishmentId}/planning?from=${monday}`)).status).toBe(401);
    expect((await planning(member)).status).toBe(403);
    expect((await planning(otherManager)).status).toBe(403);
    expect((await planning(admin)).status).toBe(200);
    const unknown = await planning(admin, `/establishments/${crypto.randomUUID()}/planning?from=${monday}`);
    expect(unknown.body).toMatchObject({ status: 404, code: 'establishment_not_found' });
    const tooLong = await planning(manager, `/establishments/${establishmentId}/planning?from=${monday}&days=8`);
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toMatch(/"field":"days"/);
    const noDate = await planning(manager, `/establishments/${establishmentId}/planning`);
    expect(JSON.stringify(noDate.body)).toMatch(/"field":"from"/);
  });

  it('gives the admin every active collège of the département, and no one else', async () => {
    const response = await planning(admin, `/planning?from=${monday}`);
    expect(response.status).toBe(200);
    const byId = new Map(response.body.establishments.map((e) => [e.id, e]));
    expect(byId.get(establishmentId)?.spaces).toHaveLength(2);
    expect(byId.get(otherEstablishmentId)?.spaces).toEqual([]);
    expect(byId.get(otherEstablishmentId)?.closures.map((c) => c.reason)).toEqual(['Conseil de classe']);
    expect(byId.get(establishmentId)?.closures.map((c) => c.reason)).toEqual(['Peinture', 'Réunion des parents']);
    expect((await planning(manager, `/planning?from=${monday}`)).status).toBe(403);
    expect((await planning(member, `/planning?from=${monday}`)).status).toBe(403);
  });

  it('downloads the planning as a PDF for the collège and for the département', async () => {
    const pdf = await planning(manager, `/establishments/${establishmentId}/planning.pdf?from=${monday}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="planning-${monday}.pdf"`);
    expect(String(pdf.body).startsWith('%PDF-')).toBe(true);
    expect(
      (await planning(otherManager, `/establishments/${establishmentId}/planning.pdf?from=${monday}`)).status,
    ).toBe(403);
    const department = await planning(admin, `/planning.pdf?from=${monday}&days=1`);
    expect(department.status).toBe(200);
    expect(String(department.body).startsWith('%PDF-')).toBe(true);
    expect((await planning(manager, `/planning.pdf?from=${monday}`)).status).toBe(403);
  });
});
