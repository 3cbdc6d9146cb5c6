import { randomUUID } from 'node:crypto';
import type { Caller } from '@salle/auth';
import type { BookingMessages, FailedMessages } from '@salle/contracts';
import { NotificationTestKit, bookingRequested } from './notification-test-kit';

const person = (displayName: string, roles: Caller['roles'] = []): Caller => ({
  accountId: randomUUID(),
  provider: 'franceconnect',
  displayName,
  roles,
});

describe('the messages of a booking, for its parties only', () => {
  let kit: NotificationTestKit;
  const ids = { bookingId: randomUUID(), establishmentId: randomUUID(), organisationId: randomUUID() };
  const member = person('Angela Dubois');
  const manager = person('Julien Bernard');
  const admin = person('Nathalie Roux', ['department_admin']);
  const path = `/bookings/${ids.bookingId}/messages`;

  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-api');
    await kit.addRecipient('organisation', ids.organisationId, 'angela.dubois@example.test');
    await kit.addRecipient('establishment', ids.establishmentId, 'julien.bernard@example.test');
    if (!kit.booking) throw new Error('no booking stand-in');
    await kit.booking.publish('booking.requested', bookingRequested(ids));
    await kit.messagesTo('julien.bernard@example.test', 1);
    await kit.settled();
  }, 60_000);
  afterAll(() => kit?.stop());

  it('lists kind, subject, masked recipient, channel, status and when, to a member of the organisation', async () => {
    const answer = await kit.get<BookingMessages>(path, member, { organisations: [ids.organisationId] });
    expect(answer.status).toBe(200);
    const items = [...answer.body.items].sort((a, b) => a.kind.localeCompare(b.kind));
    expect(items.map(({ kind, recipient, channel, status }) => ({ kind, recipient, channel, status }))).toEqual([
      { kind: 'new_request', recipient: 'j•••@example.test', channel: 'email', status: 'sent' },
      { kind: 'request_received', recipient: 'a•••@example.test', channel: 'email', status: 'sent' },
    ]);
    expect(items[1]?.subject).toMatch(/^Demande de réservation reçue/);
    expect(Date.parse(items[0]?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
    // No full address anywhere in the answer.
    expect(JSON.stringify(answer.body)).not.toContain('angela.dubois@');
  });

  it('lists them to the collège’s managers and to département admins', async () => {
    const asManager = await kit.get<BookingMessages>(path, manager, { establishments: [ids.establishmentId] });
    expect(asManager.status).toBe(200);
    expect(asManager.body.items).toHaveLength(2);
    const asAdmin = await kit.get<BookingMessages>(path, admin);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.items).toHaveLength(2);
  });

  it('refuses another organisation, another collège’s manager and visitors, and says nothing of unknown bookings', async () => {
    const other = await kit.get(path, member, { organisations: [randomUUID()], establishments: [randomUUID()] });
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ code: 'booking_not_found' });
    expect(JSON.stringify(other.body)).not.toContain('example.test');
    expect((await kit.get(path, null)).status).toBe(401);
    const unknown = await kit.get(`/bookings/${randomUUID()}/messages`, admin);
    expect(unknown.status).toBe(404);
    const malformed = await kit.get('/bookings/not-an-id/messages', admin);
    expect(malformed.status).toBe(400);
  });

  it('lists the messages given up on, with the relay’s reason, to département admins only', async () => {
    const refused = { ...ids, bookingId: randomUUID() };
    await kit.smtpFault(550);
    try {
      if (!kit.booking) throw new Error('no booking stand-in');
      await kit.booking.publish('booking.requested', {
        ...refused,
        spaceId: randomUUID(),
        seriesId: null,
        startsAt: '2026-03-10T18:00:00.000Z',
        endsAt: '2026-03-10T20:30:00.000Z',
        priceCents: 4500,
        decisionDueAt: '2026-02-27T12:00:00.000Z',
      });
      await kit.until(
        `SELECT count(*)::int AS n FROM notification.message WHERE booking_id = $1 AND status = 'failed'`,
        [refused.bookingId],
        2,
      );
    } finally {
      await kit.smtpFault(null);
    }
    const answer = await kit.get<FailedMessages>('/admin/failed-messages', admin);
    expect(answer.status).toBe(200);
    const failed = answer.body.items.find(
      (item) => item.bookingId === refused.bookingId && item.kind === 'request_received',
    );
    expect(failed).toMatchObject({
      kind: 'request_received',
      recipient: 'a•••@example.test',
      channel: 'email',
      status: 'failed',
      attempts: 1,
    });
    expect(failed?.reason).toContain('550');
    // Only failed ones: the sent messages of the first booking are not there.
    expect(answer.body.items.every((item) => item.status === 'failed')).toBe(true);
    expect(answer.body.items.map((item) => item.bookingId)).not.toContain(ids.bookingId);

    expect((await kit.get('/admin/failed-messages', member, { organisations: [ids.organisationId] })).status).toBe(403);
    expect((await kit.get('/admin/failed-messages', manager, { establishments: [ids.establishmentId] })).status).toBe(
      403,
    );
    expect((await kit.get('/admin/failed-messages', null)).status).toBe(401);
    expect((await kit.get('/admin/failed-messages?limit=0', admin)).status).toBe(400);
  });
});
