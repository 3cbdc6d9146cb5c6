import { randomUUID } from 'node:crypto';
import type { Caller } from '@salle/auth';
import type { MessageAuthorRole } from '@salle/contracts';
import { NotificationTestKit } from './notification-test-kit';

describe('a new message in a booking’s conversation, received through the real SMTP sandbox', () => {
  let kit: NotificationTestKit;
  const tag = randomUUID().slice(0, 8);
  const angela = `angela.${tag}@example.test`;
  const college = `contact.${tag}@college-stendhal.example.test`;
  const angelaAccount = randomUUID();
  const ids = { bookingId: randomUUID(), establishmentId: randomUUID(), organisationId: randomUUID() };

  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-conversation');
    await kit.announceContact(angelaAccount, angela, 'Angela Dubois');
    await booking().publish('organisation.membership_changed', {
      organisationId: ids.organisationId,
      accountId: angelaAccount,
      change: 'joined',
    });
    await kit.addRecipient('establishment', ids.establishmentId, college, 'Collège Stendhal');
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.organisation_member m JOIN notification.account_contact c USING (account_id)
        WHERE m.organisation_id = $1`,
      [ids.organisationId],
      1,
    );
  }, 60_000);
  afterAll(() => kit?.stop());
  beforeEach(() => kit.clearInbox());

  function booking() {
    if (!kit.booking) throw new Error('kit not started');
    return kit.booking;
  }
  const posted = (authorRole: MessageAuthorRole) =>
    booking().publish('booking.message_posted', {
      ...ids,
      messageId: randomUUID(),
      authorRole,
      postedAt: '2026-12-06T15:00:00.000Z',
    });
  const conversationLink = `https://salles.example.fr/reservations/${ids.bookingId}/messages`;

  it('tells the organisation’s members when the collège wrote, with the link to the conversation and never the text', async () => {
    const eventId = await posted('establishment_manager');
    const [message] = await kit.messagesTo(angela, 1);
    expect(message?.subject).toBe('Nouveau message au sujet de votre réservation');
    expect(message?.text).toContain('Le collège vous a écrit au sujet de votre réservation.');
    expect(message?.text).toContain(`Lire le message\u00a0: ${conversationLink}`);
    expect(message?.html).toContain(`href="${conversationLink}"`);
    // Optional: it carries the one-click unsubscription.
    expect(message?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    // The writer's side is not told of its own message.
    expect(await kit.inbox(college)).toHaveLength(0);

    // Redelivered: nothing is sent twice.
    await booking().republish(eventId);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await kit.messagesTo(angela, 2, 1_000)).toHaveLength(1);
  });

  it('tells the collège’s contact when the organisation wrote, and not the organisation', async () => {
    await posted('organisation_member');
    const [message] = await kit.messagesTo(college, 1);
    expect(message?.subject).toBe('Nouveau message au sujet de votre réservation');
    expect(message?.text).toContain('L’organisation vous a écrit au sujet de sa réservation.');
    expect(message?.html).toContain(`href="${conversationLink}"`);
    expect(await kit.inbox(angela)).toHaveLength(0);
  });

  it('tells both sides when a département admin wrote', async () => {
    await posted('department_admin');
    expect(await kit.messagesTo(angela, 1)).toHaveLength(1);
    expect(await kit.messagesTo(college, 1)).toHaveLength(1);
  });

  it('is optional: a member who turned it off is not told, the collège still is', async () => {
    const caller: Caller = { accountId: angelaAccount, provider: 'franceconnect', displayName: 'Angela', roles: [] };
    const turnedOff = await kit.call('PUT', '/me/preferences', caller, {
      json: { items: [{ kind: 'booking_message', channel: 'email', enabled: false }] },
    });
    expect(turnedOff.status).toBe(200);
    await posted('department_admin');
    expect(await kit.messagesTo(college, 1)).toHaveLength(1);
    expect(await kit.inbox(angela)).toHaveLength(0);
  });
});
