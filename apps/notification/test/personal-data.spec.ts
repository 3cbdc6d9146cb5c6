// Right of access: GET /me/personal-data returns what the notification schema holds about the caller (their
// announced contact, phone and SMS consent, choices of messages, the parties they are told about, the messages sent to them), and nothing about others.
import { randomUUID } from 'node:crypto';
import type { Caller } from '@salle/auth';
import type { NotificationPersonalData } from '@salle/contracts';
import { NotificationTestKit, bookingRequested } from './notification-test-kit';

const person = (displayName: string): Caller => ({
  accountId: randomUUID(),
  provider: 'franceconnect',
  displayName,
  roles: [],
});

describe('GET /me/personal-data', () => {
  let kit: NotificationTestKit;
  const ids = { bookingId: randomUUID(), establishmentId: randomUUID(), organisationId: randomUUID() };
  const angela = person('Angela Dubois');
  const julien = person('Julien Bernard');

  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-privacy');
    await kit.announceContact(angela.accountId, 'angela.dubois@example.test', 'Angela Dubois');
    await kit.announceContact(julien.accountId, 'julien.bernard@example.test', 'Julien Bernard');
    await kit.addRecipient('organisation', ids.organisationId, 'angela.dubois@example.test', 'Angela Dubois');
    await kit.addRecipient('establishment', ids.establishmentId, 'julien.bernard@example.test');
    if (!kit.booking) throw new Error('no booking stand-in');
    await kit.booking.publish('organisation.membership_changed', {
      organisationId: ids.organisationId,
      accountId: angela.accountId,
      change: 'joined',
    });
    await kit.until(
      `SELECT (SELECT count(*) FROM notification.account_contact)::int
            + (SELECT count(*) FROM notification.organisation_member)::int AS n`,
      [],
      3,
    );
    await kit.booking.publish('booking.requested', bookingRequested(ids));
    await kit.messagesTo('angela.dubois@example.test', 1);
    await kit.messagesTo('julien.bernard@example.test', 1);
    await kit.settled();
    // What « Mon compte » writes: a phone number with consent to SMS, and one kind of message turned off.
    await kit.dataSource.query(
      `INSERT INTO notification.account_phone (account_id, phone, sms_consent_at) VALUES ($1, '+33612345678', now())`,
      [angela.accountId],
    );
    await kit.dataSource.query(
      `INSERT INTO notification.preference (account_id, kind, channel, enabled) VALUES ($1, 'session_reminder', 'email', false)`,
      [angela.accountId],
    );
    // An SMS sent to that phone (as the SMS planner records one, already sent).
    await kit.dataSource.query(
      `INSERT INTO notification.message (event_id, event_type, recipient, channel, template, body_text, status, occurred_at)
       VALUES (gen_random_uuid(), 'booking.approved', '+33612345678', 'sms', 'approved_to_pay', 'Réservation acceptée', 'sent', now())`,
    );
    // Her address, listed as an organisation's contact, unsubscribed from one optional kind with its own link.
    await kit.dataSource.query(
      `INSERT INTO notification.contact_opt_out (email, kind) VALUES ('angela.dubois@example.test', 'session_reminder')`,
    );
    // Julien's address did too: his stays.
    await kit.dataSource.query(
      `INSERT INTO notification.contact_opt_out (email, kind) VALUES ('julien.bernard@example.test', 'session_reminder')`,
    );
    // And the daily digest of new requests instead of one e-mail each.
    await kit.dataSource.query(
      `INSERT INTO notification.digest_choice (account_id, chosen_at) VALUES ($1, '2026-12-01T09:30:00Z')`,
      [angela.accountId],
    );
  }, 60_000);
  afterAll(() => kit?.stop());

  it('gives a person their contact, phone, choices, the lists they are on and the messages sent to them, unmasked', async () => {
    const answer = await kit.get<NotificationPersonalData>('/me/personal-data', angela);
    expect(answer.status).toBe(200);
    expect(answer.body.contact).toEqual({ email: 'angela.dubois@example.test', displayName: 'Angela Dubois' });
    const [consent] = (await kit.dataSource.query(
      `SELECT sms_consent_at AS at FROM notification.account_phone WHERE account_id = $1`,
      [angela.accountId],
    )) as { at: Date }[];
    expect(answer.body.phone).toEqual({ number: '+33612345678', smsConsentAt: consent?.at.toISOString() });
    expect(answer.body.preferences).toEqual([
      { kind: 'session_reminder', channel: 'email', enabled: false, updatedAt: expect.any(String) },
    ]);
    expect(answer.body.organisationIds).toEqual([ids.organisationId]);
    expect(answer.body.dailyDigest).toEqual({ chosenAt: '2026-12-01T09:30:00.000Z' });
    expect((await kit.get<NotificationPersonalData>('/me/personal-data', julien)).body.dailyDigest).toBeNull();
    expect(answer.body.recipientOf).toEqual([
      { partyKind: 'organisation', partyId: ids.organisationId, email: 'angela.dubois@example.test' },
    ]);
    expect(answer.body.unsubscribed).toEqual([{ kind: 'session_reminder', at: expect.any(String) }]);
    expect(answer.body.messages).toEqual([
      expect.objectContaining({
        kind: 'request_received',
        recipient: 'angela.dubois@example.test',
        subject: expect.stringMatching(/^Demande de réservation reçue/),
        bodyText: expect.any(String),
      }),
      expect.objectContaining({ kind: 'approved_to_pay', recipient: '+33612345678', channel: 'sms' }),
    ]);
    const text = JSON.stringify(answer.body);
    for (const foreign of ['julien', 'Julien', ids.establishmentId]) expect(text).not.toContain(foreign);
    // Julien gave no phone and made no choice: nothing of Angela's is his.
    const julienAnswer = await kit.get<NotificationPersonalData>('/me/personal-data', julien);
    expect([julienAnswer.body.phone, julienAnswer.body.preferences]).toEqual([null, []]);
  });

  it('gives someone the service knows nothing about an empty answer, and refuses a visitor', async () => {
    expect((await kit.get('/me/personal-data', person('Inconnu'))).body).toEqual({
      contact: null,
      phone: null,
      preferences: [],
      organisationIds: [],
      establishmentIds: [],
      dailyDigest: null,
      recipientOf: [],
      unsubscribed: [],
      messages: [],
      auditLog: [],
    });
    expect((await kit.get('/me/personal-data', null)).status).toBe(401);
  });

  it('erases a person for a département admin only, their messages included, and nothing of others', async () => {
    const path = `/personal-data/${angela.accountId}/erase`;
    expect((await kit.post(path, angela)).status).toBe(403);
    expect((await kit.post(path, null)).status).toBe(401);
    const admin: Caller = { ...person('Nathalie Roux'), roles: ['department_admin'] };
    const first = await kit.post<{ removed: number; kept: unknown[] }>(path, admin);
    expect(first.status).toBe(200);
    // Contact, phone, preference, membership, digest choice, recipient entry, contact opt-out, e-mail, SMS.
    expect(first.body).toEqual({ removed: 9, kept: [] });
    const [left] = (await kit.dataSource.query(
      `SELECT (SELECT count(*) FROM notification.message WHERE recipient LIKE 'angela%')::int
            + (SELECT count(*) FROM notification.recipient WHERE email LIKE 'angela%')::int
            + (SELECT count(*) FROM notification.account_contact WHERE email LIKE 'angela%')::int
            + (SELECT count(*) FROM notification.account_phone WHERE phone = '+33612345678')::int
            + (SELECT count(*) FROM notification.preference WHERE account_id = $1)::int
            + (SELECT count(*) FROM notification.digest_choice WHERE account_id = $1)::int
            + (SELECT count(*) FROM notification.contact_opt_out WHERE email LIKE 'angela%')::int AS n`,
      [angela.accountId],
    )) as { n: number }[];
    expect(left?.n).toBe(0);
    const othersOptOuts = (await kit.dataSource.query(
      `SELECT email FROM notification.contact_opt_out WHERE email LIKE 'julien%'`,
    )) as unknown[];
    expect(othersOptOuts).toHaveLength(1);
    expect((await kit.get<NotificationPersonalData>('/me/personal-data', julien)).body.messages).toHaveLength(1);
    expect((await kit.post(path, admin)).body).toEqual({ removed: 0, kept: [] });
  });
});
