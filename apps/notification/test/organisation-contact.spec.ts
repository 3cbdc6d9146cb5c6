import { randomUUID } from 'node:crypto';
import { NotificationTestKit, type CaughtMessage, bookingRequested } from './notification-test-kit';

const NB = '\u00a0';

describe('the organisation’s own contact, from the booking service’s organisation.contact_changed', () => {
  let kit: NotificationTestKit;
  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-org-contact');
  }, 60_000);
  afterAll(() => kit?.stop());
  beforeEach(() => {
    // 11:00 in Paris: SMS go at once.
    kit.now = new Date('2030-12-09T10:00:00Z');
  });

  const booking = () => {
    if (!kit.booking) throw new Error('no booking stand-in');
    return kit.booking;
  };
  const subjects = (messages: CaughtMessage[]) => messages.map((message) => message.subject.split(NB)[0]).sort();

  /** An organisation with an owner and a member whose e-mails the gateway announced, and its contact as booking announced it. */
  async function organisation(contact: { email: string | null; phone: string | null; smsConsent: boolean }) {
    const organisationId = randomUUID();
    const tag = organisationId.slice(0, 8);
    const owner = { accountId: randomUUID(), email: `paul.${tag}@example.test` };
    const member = { accountId: randomUUID(), email: `angela.${tag}@example.test` };
    for (const [person, name] of [
      [owner, 'Paul Martin'],
      [member, 'Angela Dubois'],
    ] as const) {
      await kit.announceContact(person.accountId, person.email, name);
      await booking().publish('organisation.membership_changed', {
        organisationId,
        accountId: person.accountId,
        change: 'joined',
      });
    }
    await booking().publish('organisation.contact_changed', {
      organisationId,
      contactEmail: contact.email,
      contactPhone: contact.phone,
      smsConsent: contact.smsConsent,
    });
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.organisation_member m JOIN notification.account_contact c USING (account_id)
        WHERE m.organisation_id = $1`,
      [organisationId],
      2,
    );
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.recipient WHERE party_id = $1 AND source = 'contact'`,
      [organisationId],
      contact.email ? 1 : 0,
    );
    return { organisationId, owner, member };
  }

  async function requestAndApprove(organisationId: string) {
    const ids = { bookingId: randomUUID(), establishmentId: randomUUID(), organisationId, spaceId: randomUUID() };
    const slot = { ...ids, startsAt: '2026-03-03T18:00:00.000Z', endsAt: '2026-03-03T20:30:00.000Z' };
    await booking().publish('booking.requested', bookingRequested(slot));
    await booking().publish('booking.approved', {
      ...slot,
      priceCents: 4500,
      paymentDueAt: '2026-02-24T22:59:00.000Z',
      labels: { organisationName: 'Basket Club', establishmentName: 'Collège Vaussenat', spaceName: 'Gymnase' },
    });
  }

  it('tells the requesting member, the owner and the contact, each once by e-mail, and texts the contact who agreed', async () => {
    const phone = '+33644332211';
    const contact = `bureau.${randomUUID().slice(0, 8)}@basket.example.test`;
    const { organisationId, owner, member } = await organisation({ email: contact, phone, smsConsent: true });
    await requestAndApprove(organisationId);
    for (const address of [owner.email, member.email, contact]) {
      const received = await kit.messagesTo(address, 2);
      expect(subjects(received)).toEqual(['Demande acceptée', 'Demande de réservation reçue']);
      expect(received.every((message) => message.envelope.to.length === 1)).toBe(true);
    }
    const approval = (await kit.inbox(contact)).find((message) => message.subject.startsWith('Demande acceptée'));
    expect(approval?.text).toContain('45,00');
    await kit.until(`SELECT count(*)::int AS n FROM notification.message WHERE recipient = $1`, [phone], 1);
    const [sms] = await kit.smsInbox(phone);
    expect(sms?.message).toContain('45,00');
  });

  it('sends one message to an address that is both the contact and a member’s, as the member', async () => {
    const shared = `shared.${randomUUID().slice(0, 8)}@example.test`;
    const { organisationId, owner } = await organisation({ email: null, phone: null, smsConsent: false });
    await kit.announceContact(owner.accountId, shared, 'Paul Martin');
    await booking().publish('organisation.contact_changed', {
      organisationId,
      contactEmail: shared.toUpperCase(),
      contactPhone: '+33655443322',
      smsConsent: false,
    });
    await kit.until(`SELECT count(*)::int AS n FROM notification.account_contact WHERE email = $1`, [shared], 1);
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.recipient WHERE party_id = $1 AND email = $2`,
      [organisationId, shared],
      1,
    );
    await requestAndApprove(organisationId);
    expect(subjects(await kit.messagesTo(shared, 2))).toEqual(['Demande acceptée', 'Demande de réservation reçue']);
    // No consent recorded for the contact's phone: no SMS to it.
    expect(await kit.smsInbox('+33655443322')).toEqual([]);
  });

  it('gives the contact its own one-click unsubscription from optional e-mails, which leaves the members’ choices alone', async () => {
    const contact = `secretariat.${randomUUID().slice(0, 8)}@basket.example.test`;
    const { organisationId, member } = await organisation({ email: contact, phone: null, smsConsent: false });
    await requestAndApprove(organisationId);
    const received = await kit.messagesTo(contact, 2);
    const requestReceived = received.find((message) => message.subject.startsWith('Demande de réservation reçue'));
    const approved = received.find((message) => message.subject.startsWith('Demande acceptée'));
    expect(approved?.headers['list-unsubscribe']).toBeUndefined();
    const header = requestReceived?.headers['list-unsubscribe'] ?? '';
    expect(header).toMatch(/^<https:\/\/salles\.example\.fr\/desabonnement\/[\w-]+\.[\w-]+\.[\w-]+>$/);
    expect(requestReceived?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const token = header.slice('<https://salles.example.fr/desabonnement/'.length, -1);

    const page = await kit.call<string>('GET', `/unsubscribe/${token}`, null);
    expect(page.body).toContain(`«${NB}Demande de réservation reçue${NB}»`);
    // The contact has no account: the page does not send it to « Mon compte ».
    expect(page.body).not.toContain('Mon compte');
    const done = await kit.call<string>('POST', `/unsubscribe/${token}`, null, { form: 'List-Unsubscribe=One-Click' });
    expect(done.status).toBe(200);
    expect(done.body).toContain('C’est fait');

    await kit.clearInbox();
    await requestAndApprove(organisationId);
    expect(subjects(await kit.messagesTo(contact, 2, 3_000))).toEqual(['Demande acceptée']);
    expect(subjects(await kit.messagesTo(member.email, 2))).toEqual([
      'Demande acceptée',
      'Demande de réservation reçue',
    ]);
  });

  it('follows a change of contact: the old address is told no more', async () => {
    const old = `ancien.${randomUUID().slice(0, 8)}@basket.example.test`;
    const next = `nouveau.${randomUUID().slice(0, 8)}@basket.example.test`;
    const { organisationId } = await organisation({ email: old, phone: null, smsConsent: false });
    await booking().publish('organisation.contact_changed', {
      organisationId,
      contactEmail: next,
      contactPhone: null,
      smsConsent: false,
    });
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.recipient WHERE party_id = $1 AND email = $2`,
      [organisationId, next],
      1,
    );
    await requestAndApprove(organisationId);
    expect(await kit.messagesTo(next, 2)).toHaveLength(2);
    expect(await kit.inbox(old)).toEqual([]);
  });
});
