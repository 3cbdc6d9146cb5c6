import { randomUUID } from 'node:crypto';
import type { Caller } from '@salle/auth';
import { MESSAGE_STATUSES, NOTIFICATION_CHANNELS } from '@salle/contracts';
import { type MyPreferences } from '@salle/contracts/notification';
import { readValueListChecks } from '@salle/testing';
import { NotificationTestKit, bookingRequested } from './notification-test-kit';

const NB = '\u00a0';

const person = (displayName: string): Caller => ({
  accountId: randomUUID(),
  provider: 'franceconnect',
  displayName,
  roles: [],
});

describe('« Mon compte »: contacts, choices of messages, and one-click unsubscription', () => {
  let kit: NotificationTestKit;
  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-prefs');
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
  const item = (preferences: MyPreferences, kind: string) => preferences.items.find((line) => line.kind === kind);

  /** A member of a fresh organisation whose e-mail the gateway announced. */
  async function member(name = 'Angela Dubois') {
    const caller = person(name);
    const organisationId = randomUUID();
    const email = `${name.split(' ')[0]?.toLowerCase() ?? 'x'}.${caller.accountId.slice(0, 8)}@example.test`;
    await kit.announceContact(caller.accountId, email, name);
    await booking().publish('organisation.membership_changed', {
      organisationId,
      accountId: caller.accountId,
      change: 'joined',
    });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const [row] = (await kit.dataSource.query(
        `SELECT count(*)::int AS n FROM notification.organisation_member m JOIN notification.account_contact c USING (account_id)
          WHERE m.account_id = $1`,
        [caller.accountId],
      )) as { n: number }[];
      if (row?.n === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { caller, organisationId, email };
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
    return ids;
  }

  it('stores only the channels and statuses the contracts list (the CHECK constraints match them), and lists no kinds', async () => {
    const { lists } = await readValueListChecks(kit.dataSource, 'notification');
    // The kinds are checked by the code that writes them (migration 1797700000000), never by a CHECK list.
    for (const column of ['preference.kind', 'scheduled_message.kind', 'contact_opt_out.kind'])
      expect(lists[column]).toBeUndefined();
    expect(lists['preference.channel']).toEqual([...NOTIFICATION_CHANNELS].sort());
    expect(lists['message.channel']).toEqual([...NOTIFICATION_CHANNELS].sort());
    expect(lists['message.status']).toEqual([...MESSAGE_STATUSES].sort());
  });

  it('shows the person’s contacts and choices, the messages a booking cannot work without marked as such', async () => {
    const { caller, email } = await member();
    const answer = await kit.get<MyPreferences>('/me/preferences', caller);
    expect(answer.status).toBe(200);
    expect(answer.body.contacts).toEqual({ email, phone: null, smsConsent: false });
    expect(item(answer.body, 'approved_to_pay')).toEqual({
      kind: 'approved_to_pay',
      mandatory: true,
      email: true,
      sms: false,
    });
    expect(item(answer.body, 'request_received')).toEqual({
      kind: 'request_received',
      mandatory: false,
      email: true,
      sms: null,
    });
    expect(answer.body.items.filter((line) => line.mandatory).map((line) => line.kind)).toEqual([
      'approved_to_pay',
      'refused',
      'expired',
      'cancelled_by_establishment',
      'confirmed_free',
      'organisation_to_verify',
      'organisation_verified',
      'organisation_rejected',
      'payment_flag',
      'account_inactivity',
      'claim_to_arbitrate',
      'claim_decided',
      'convention_to_sign',
      'manager_invitation',
      'claim_code',
      'organisation_invitation',
      'payer_contacted',
    ]);
    // Reminders repeat an earlier message: optional, and the session's may come by SMS.
    const reminders = answer.body.items.filter((line) => line.kind.endsWith('_reminder'));
    expect(reminders.map(({ kind, mandatory }) => ({ kind, mandatory }))).toEqual([
      { kind: 'payment_reminder', mandatory: false },
      { kind: 'session_reminder', mandatory: false },
      { kind: 'decision_reminder', mandatory: false },
    ]);
  });

  it('keeps a phone number as typed in E.164, refuses an invalid one in French, and SMS to a landline', async () => {
    const { caller } = await member();
    const saved = await kit.call<MyPreferences>('PUT', '/me/phone', caller, {
      json: { phone: '06 12 34 56 78', smsConsent: true },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.contacts).toMatchObject({ phone: '+33612345678', smsConsent: true });
    expect(item(saved.body, 'approved_to_pay')?.sms).toBe(true);

    const invalid = await kit.call<{ code: string; errors: { path: string; message: string }[] }>(
      'PUT',
      '/me/phone',
      caller,
      { json: { phone: '06 12', smsConsent: false } },
    );
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain(
      'doit être un numéro de téléphone valide, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78',
    );
    const landline = await kit.call('PUT', '/me/phone', caller, {
      json: { phone: '04 76 00 00 00', smsConsent: true },
    });
    expect(landline.status).toBe(400);
    expect(JSON.stringify(landline.body)).toContain('les SMS ne peuvent être envoyés qu’à un numéro de mobile');
    // Nothing changed by the refusals.
    expect((await kit.get<MyPreferences>('/me/preferences', caller)).body.contacts.phone).toBe('+33612345678');
    const removed = await kit.call<MyPreferences>('PUT', '/me/phone', caller, {
      json: { phone: null, smsConsent: false },
    });
    expect(removed.body.contacts).toMatchObject({ phone: null, smsConsent: false });
  });

  it('turns optional messages off, and refuses to turn off the e-mail of one a booking cannot work without', async () => {
    const { caller } = await member();
    const refused = await kit.call('PUT', '/me/preferences', caller, {
      json: { items: [{ kind: 'approved_to_pay', channel: 'email', enabled: false }] },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'mandatory_message',
      title: `Ce message ne peut pas être désactivé${NB}: la réservation ne peut pas s’en passer.`,
    });
    const changed = await kit.call<MyPreferences>('PUT', '/me/preferences', caller, {
      json: { items: [{ kind: 'request_received', channel: 'email', enabled: false }] },
    });
    expect(changed.status).toBe(200);
    expect(item(changed.body, 'request_received')?.email).toBe(false);
    expect(item(changed.body, 'approved_to_pay')?.email).toBe(true);
  });

  it('lets nobody read or change another person’s choices, and refuses visitors', async () => {
    const [angela, paul] = [await member('Angela Dubois'), await member('Paul Martin')];
    await kit.call('PUT', '/me/preferences', angela.caller, {
      json: { items: [{ kind: 'refund_issued', channel: 'email', enabled: false }] },
    });
    await kit.call('PUT', '/me/phone', angela.caller, { json: { phone: '0612345678', smsConsent: true } });
    // The account is the token's, never the request's: Paul sees his own, untouched.
    const paulsView = await kit.get<MyPreferences>('/me/preferences', paul.caller);
    expect(paulsView.body.contacts).toEqual({ email: paul.email, phone: null, smsConsent: false });
    expect(item(paulsView.body, 'refund_issued')?.email).toBe(true);
    expect((await kit.get('/me/preferences', null)).status).toBe(401);
    expect((await kit.call('PUT', '/me/phone', null, { json: { phone: null, smsConsent: false } })).status).toBe(401);
    const visitor = await kit.call('PUT', '/me/preferences', null, {
      json: { items: [{ kind: 'refund_issued', channel: 'email', enabled: true }] },
    });
    expect(visitor.status).toBe(401);
    expect(item((await kit.get<MyPreferences>('/me/preferences', angela.caller)).body, 'refund_issued')?.email).toBe(
      false,
    );
  });

  it('sends an opted-out person only the messages that cannot be turned off, and no SMS they turned off', async () => {
    const { caller, organisationId, email } = await member();
    await kit.call('PUT', '/me/phone', caller, { json: { phone: '06 98 76 54 32', smsConsent: true } });
    await kit.call('PUT', '/me/preferences', caller, {
      json: {
        items: [
          { kind: 'request_received', channel: 'email', enabled: false },
          { kind: 'approved_to_pay', channel: 'sms', enabled: false },
        ],
      },
    });
    await requestAndApprove(organisationId);
    const received = await kit.messagesTo(email, 2, 3_000);
    expect(received.map((message) => message.subject)).toEqual([expect.stringMatching(/^Demande acceptée/)]);
    expect(await kit.smsInbox('+33698765432')).toEqual([]);
  });

  it('puts List-Unsubscribe on optional e-mails only; a GET asks, a POST with the signed token turns that kind off', async () => {
    const { caller, organisationId, email } = await member();
    await requestAndApprove(organisationId);
    // The two go out side by side: told apart by subject, not by their order in the inbox.
    const received = await kit.messagesTo(email, 2);
    const requestReceived = received.find((message) => message.subject.startsWith('Demande de réservation reçue'));
    const approved = received.find((message) => message.subject.startsWith('Demande acceptée'));
    expect(approved).toBeDefined();
    expect(approved?.headers['list-unsubscribe']).toBeUndefined();
    expect(approved?.headers['list-unsubscribe-post']).toBeUndefined();
    const header = requestReceived?.headers['list-unsubscribe'] ?? '';
    expect(header).toMatch(/^<https:\/\/salles\.example\.fr\/desabonnement\/[\w-]+\.[\w-]+\.[\w-]+>$/);
    expect(requestReceived?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const token = header.slice('<https://salles.example.fr/desabonnement/'.length, -1);

    const page = await kit.call<string>('GET', `/unsubscribe/${token}`, null);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Ne plus recevoir ces courriels${NB}?`);
    expect(page.body).toContain(`«${NB}Demande de réservation reçue${NB}»`);
    // A GET changes nothing: mail scanners follow links.
    expect(item((await kit.get<MyPreferences>('/me/preferences', caller)).body, 'request_received')?.email).toBe(true);

    const forged = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const refused = await kit.call('POST', `/unsubscribe/${forged}`, null, { form: 'List-Unsubscribe=One-Click' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'unsubscribe_link_invalid' });
    expect(item((await kit.get<MyPreferences>('/me/preferences', caller)).body, 'request_received')?.email).toBe(true);

    const done = await kit.call<string>('POST', `/unsubscribe/${token}`, null, { form: 'List-Unsubscribe=One-Click' });
    expect(done.status).toBe(200);
    expect(done.body).toContain('C’est fait');
    expect(item((await kit.get<MyPreferences>('/me/preferences', caller)).body, 'request_received')?.email).toBe(false);

    // The next request sends that person nothing of that kind; the mandatory approval still comes.
    await kit.clearInbox();
    await requestAndApprove(organisationId);
    expect((await kit.messagesTo(email, 2, 3_000)).map((message) => message.subject)).toEqual([
      expect.stringMatching(/^Demande acceptée/),
    ]);
  });
});
