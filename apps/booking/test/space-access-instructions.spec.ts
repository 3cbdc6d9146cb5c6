import type { BookingView, EstablishmentView, OrganisationView, SpaceAccessInstructionsView } from '@salle/contracts';
import { publicHolidayOn } from '../src/domain/calendar';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant, upcomingSaturday } from './fixtures';

const instructions = {
  keys: 'Badge à retirer à la loge du collège le vendredi avant 17 h, à rendre le lundi.',
  alarm: 'Désactiver l’alarme au boîtier à gauche de l’entrée du gymnase ; la réactiver en partant.',
  caretakerContact: 'M. Girard, agent d’accueil : 06 12 34 56 78',
};

describe('access instructions of a space', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const clerk = franceConnectUser({ displayName: 'Secrétaire de mairie' });
  const clubOwner = franceConnectUser();
  let spaceId: string;
  let communeId: string;
  let clubId: string;
  const route = () => `/spaces/${spaceId}/access-instructions`;
  const saturday = (weeks: number) => upcomingSaturday(weeks, (date) => publicHolidayOn(date) !== null);
  const request = (who: typeof clerk, organisationId: string, weeks: number) =>
    api.as(who).post<BookingView>('/bookings', {
      spaceId,
      organisationId,
      startsAt: parisInstant(saturday(weeks), '10:00'),
      endsAt: parisInstant(saturday(weeks), '12:00'),
      purpose: 'Réunion publique',
      attendees: 30,
    });

  beforeAll(async () => {
    api = await startBookingTestService('access_instructions');
    const establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire);
    spaceId = (await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body['id'] as string;
    await api.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
      rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
    });
    await api.as(manager).put(`/spaces/${spaceId}/tariffs`, {
      tariffs: [
        { category: 'association', hourlyCents: 1500 },
        { category: 'commune', hourlyCents: 0 },
      ],
    });
    const declare = async (who: typeof clerk, overrides: Parameters<typeof association>[0]) => {
      const id = (await api.as(who).post<OrganisationView>('/organisations', association(overrides))).body.id;
      await api.as(admin).post(`/organisations/${id}/verify`);
      return id;
    };
    communeId = await declare(clerk, {
      name: 'Mairie d’Allevard',
      kind: 'commune',
      rna: undefined,
      siren: '213800063',
    });
    clubId = await declare(clubOwner, {});
  });
  afterAll(() => api.stop());

  it('starts empty for the managers, who write them; other collèges’ managers and organisations may not', async () => {
    const empty = await api.as(manager).get<SpaceAccessInstructionsView>(route());
    expect(empty.body).toEqual({ spaceId, keys: '', alarm: '', caretakerContact: '', updatedAt: null });
    expect((await api.as(otherManager).put(route(), instructions)).status).toBe(403);
    expect((await api.as(clubOwner).put(route(), instructions)).status).toBe(403);
    expect((await api.visitor.put(route(), instructions)).status).toBe(401);
    const written = await api.as(manager).put<SpaceAccessInstructionsView>(route(), instructions);
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ spaceId, ...instructions });
    expect(written.body.updatedAt).not.toBeNull();
    expect((await api.as(admin).get(route())).body).toMatchObject(instructions);
  });

  it('refuses overlong texts and unknown fields', async () => {
    const long = await api.as(manager).put(route(), { ...instructions, keys: 'x'.repeat(2_001) });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ code: 'validation_failed' });
    expect((await api.as(manager).put(route(), { ...instructions, code: '1234' })).status).toBe(400);
  });

  it('hides them from organisations until one of their bookings of the space is confirmed', async () => {
    expect((await api.as(otherManager).get(route())).status).toBe(404);
    expect((await api.visitor.get(route())).status).toBe(401);
    const requested = await request(clerk, communeId, 3);
    expect(requested.status).toBe(201);
    expect((await api.as(clerk).get(route())).status).toBe(404);

    const approved = await api.as(manager).post<BookingView>(`/bookings/${requested.body.id}/approve`);
    expect(approved.body.status).toBe('confirmed');
    // The confirmation carries them, with the organisation's calendar feed, for the notification service's message.
    const [confirmed] = (await api.service.dataSource.query(
      `SELECT payload FROM booking.event_outbox WHERE type = 'booking.confirmed' AND aggregate_id = $1`,
      [requested.body.id],
    )) as { payload: { confirmation?: unknown } }[];
    const feed = await api.as(clerk).get<{ path: string }>(`/organisations/${communeId}/calendar-link`);
    expect(confirmed?.payload.confirmation).toEqual({ calendarPath: feed.body.path, accessInstructions: instructions });
    const seen = await api.as(clerk).get<SpaceAccessInstructionsView>(route());
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject(instructions);
    expect(seen.headers.get('cache-control')).toBe('private, no-store');

    // Approved but not paid: not confirmed, nothing shown; another organisation's confirmation does not count.
    const club = await request(clubOwner, clubId, 4);
    expect((await api.as(manager).post<BookingView>(`/bookings/${club.body.id}/approve`)).body.status).not.toBe(
      'confirmed',
    );
    expect((await api.as(clubOwner).get(route())).status).toBe(404);

    // Once the commune cancels, its members no longer see them.
    expect(
      (await api.as(clerk).post(`/bookings/${requested.body.id}/cancel`, { reason: 'Réunion annulée' })).status,
    ).toBe(200);
    expect((await api.as(clerk).get(route())).status).toBe(404);
  });
});
