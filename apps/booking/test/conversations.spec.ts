import type {
  BookingMessageView,
  BookingView,
  ConversationView,
  EstablishmentView,
  OrganisationView,
  UnreadMessagesView,
} from '@salle/contracts';
import { addDays, localDateOf } from '../src/domain/time';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant } from './fixtures';

describe('a conversation per booking between the organisation and the collège', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret, displayName: 'Julien Bernard' });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const member = franceConnectUser({ displayName: 'Angela Dubois' });
  const outsider = franceConnectUser();
  let bookingId: string;

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    api.service.dataSource.query(sql, params) as Promise<T[]>;
  const thread = (who = member) => api.as(who).get<ConversationView>(`/bookings/${bookingId}/messages`);
  const write = (who: typeof member, body: unknown) =>
    api.as(who).post<BookingMessageView>(`/bookings/${bookingId}/messages`, body);
  const unread = async (who: typeof member) =>
    (await api.as(who).get<UnreadMessagesView>('/me/unread-messages')).body.items;

  beforeAll(async () => {
    api = await startBookingTestService('conversations');
    const establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    await api.as(admin).post('/establishments', beaurepaire);
    const gymId = (await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body[
      'id'
    ] as string;
    await api.as(manager).put(`/spaces/${gymId}/opening-rules`, {
      rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '08:00', endTime: '22:00', period: 'always' }],
    });
    await api
      .as(manager)
      .put(`/spaces/${gymId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1500, depositCents: 0 }] });
    const organisationId = (await api.as(member).post<OrganisationView>('/organisations', association({}))).body.id;
    await api.as(admin).post(`/organisations/${organisationId}/verify`);
    const day = addDays(localDateOf(new Date()), 20);
    const booked = await api.as(member).post<BookingView>('/bookings', {
      spaceId: gymId,
      organisationId,
      startsAt: parisInstant(day, '10:00'),
      endsAt: parisInstant(day, '12:00'),
    });
    expect(booked.status).toBe(201);
    bookingId = booked.body.id;
  });
  afterAll(() => api.stop());

  it('carries a question and its answer, with unread markers on each side and an event for each message', async () => {
    const question = await write(member, { body: '  Peut-on accéder aux vestiaires dès 9 h 30 ?  ' });
    expect(question.status).toBe(201);
    expect(question.body).toMatchObject({
      authorRole: 'organisation_member',
      authorName: 'Angela Dubois',
      body: 'Peut-on accéder aux vestiaires dès 9 h 30 ?',
      mine: true,
    });
    expect(await unread(manager)).toEqual([{ bookingId, unread: 1 }]);
    expect(await unread(member)).toEqual([]);

    const seen = await thread(manager);
    expect(seen.body).toMatchObject({ unread: 1, lastReadAt: null });
    expect(seen.body.items.map((m) => [m.authorName, m.mine])).toEqual([['Angela Dubois', false]]);
    expect((await api.as(manager).post(`/bookings/${bookingId}/messages/read`)).status).toBe(204);
    expect(await unread(manager)).toEqual([]);
    expect((await thread(manager)).body.unread).toBe(0);

    await write(manager, { body: 'Oui, le gardien ouvre à 9 h 15.' });
    expect(await unread(member)).toEqual([{ bookingId, unread: 1 }]);
    const both = await thread(member);
    expect(both.body.items.map((m) => [m.authorRole, m.body, m.mine])).toEqual([
      ['organisation_member', 'Peut-on accéder aux vestiaires dès 9 h 30 ?', true],
      ['establishment_manager', 'Oui, le gardien ouvre à 9 h 15.', false],
    ]);

    const events = await query<{ type: string; payload: Record<string, unknown> }>(
      `SELECT type, payload FROM booking.event_outbox WHERE type = 'booking.message_posted' ORDER BY position`,
    );
    expect(events.map((e) => e.payload['authorRole'])).toEqual(['organisation_member', 'establishment_manager']);
    expect(events[0]?.payload).toMatchObject({ bookingId, messageId: question.body.id });
    // The event says that someone wrote, not what: the text stays with the booking.
    expect(JSON.stringify(events)).not.toContain('vestiaires');
  });

  it('refuses empty or oversized messages, visitors, and people who are not party to the booking', async () => {
    const empty = await write(member, { body: '   ' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toMatch(/"field":"body"/);
    expect((await write(member, { body: 'x'.repeat(4_001) })).status).toBe(400);
    expect((await write(member, { body: 'ok', extra: 1 })).status).toBe(400);
    expect((await api.visitor.get(`/bookings/${bookingId}/messages`)).status).toBe(401);
    for (const stranger of [outsider, otherManager]) {
      expect((await thread(stranger)).body).toMatchObject({ status: 404, code: 'booking_not_found' });
      expect((await write(stranger, { body: 'Bonjour' })).status).toBe(404);
      expect((await api.as(stranger).post(`/bookings/${bookingId}/messages/read`)).status).toBe(404);
      expect(await unread(stranger)).toEqual([]);
    }
    expect((await thread(admin)).status).toBe(200);
  });
});
