import { randomUUID } from 'node:crypto';
import type { Caller } from '@salle/auth';
import type { ListedContact } from '@salle/contracts/notification';
import { NotificationTestKit, bookingRequested } from './notification-test-kit';

const NB = '\u00a0';

describe('a collège’s people, from the booking service’s establishment.contacts_changed', () => {
  let kit: NotificationTestKit;
  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-contacts');
  }, 60_000);
  afterAll(() => kit?.stop());

  async function until(sql: string, parameters: unknown[], expected: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const [row] = (await kit.dataSource.query(sql, parameters)) as { n: number }[];
      if (row?.n === expected) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`never reached ${expected}: ${sql}`);
  }
  const request = (ids: { establishmentId: string; organisationId: string }) => {
    if (!kit.booking) throw new Error('kit not started');
    return kit.booking.publish('booking.requested', bookingRequested({ ...ids, bookingId: randomUUID() }));
  };

  it('e-mails a new request to the collège’s contact address and its managers, and follows later changes', async () => {
    if (!kit.booking) throw new Error('kit not started');
    const tag = randomUUID().slice(0, 8);
    const establishmentId = randomUUID();
    const organisationId = randomUUID();
    const julien = { accountId: randomUUID(), email: `julien.${tag}@example.test` };
    const claire = { accountId: randomUUID(), email: `claire.${tag}@example.test` };
    const office = `secretariat.${tag}@college.example.test`;
    const unknownManager = randomUUID();
    await kit.announceContact(julien.accountId, julien.email, 'Julien Bernard');
    await kit.announceContact(claire.accountId, claire.email, 'Claire Petit');
    await kit.booking.publish('establishment.contacts_changed', {
      establishmentId,
      contactEmail: office,
      managerAccountIds: [julien.accountId, unknownManager],
    });
    await until(
      `SELECT count(*)::int AS n FROM notification.account_contact WHERE account_id = ANY($1::uuid[])`,
      [[julien.accountId, claire.accountId]],
      2,
    );
    await until(
      `SELECT count(*)::int AS n FROM notification.establishment_manager WHERE establishment_id = $1`,
      [establishmentId],
      2,
    );

    await request({ establishmentId, organisationId });
    const [toOffice] = await kit.messagesTo(office, 1);
    const [toJulien] = await kit.messagesTo(julien.email, 1);
    expect(toOffice?.subject).toBe(
      `Nouvelle demande de réservation${NB}: mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30`,
    );
    expect(toOffice?.envelope.to).toEqual([office]);
    expect(toJulien?.subject).toBe(toOffice?.subject);
    expect(toJulien?.text).toContain(`https://salles.example.fr/gestion/${establishmentId}/demandes`);
    expect(await kit.inbox(claire.email)).toEqual([]);

    // Julien leaves, Claire arrives, the contact address changes: the next request follows.
    const newOffice = `accueil.${tag}@college.example.test`;
    await kit.booking.publish('establishment.contacts_changed', {
      establishmentId,
      contactEmail: newOffice,
      managerAccountIds: [claire.accountId],
    });
    await until(
      `SELECT count(*)::int AS n FROM notification.establishment_manager WHERE establishment_id = $1 AND account_id = $2`,
      [establishmentId, claire.accountId],
      1,
    );
    await request({ establishmentId, organisationId });
    expect(await kit.messagesTo(newOffice, 1)).toHaveLength(1);
    expect(await kit.messagesTo(claire.email, 1)).toHaveLength(1);
    expect(await kit.inbox(julien.email)).toHaveLength(1);
    expect(await kit.inbox(office)).toHaveLength(1);
  });

  it('lets the collège’s managers give its contact address a phone number with its consent, which the decision reminder then texts', async () => {
    if (!kit.booking) throw new Error('kit not started');
    kit.now = new Date('2030-12-09T10:00:00Z'); // 11:00 in Paris: outside the quiet hours
    const tag = randomUUID().slice(0, 8);
    const establishmentId = randomUUID();
    const office = `secretariat.${tag}@college.example.test`;
    const person = (displayName: string): Caller => ({
      accountId: randomUUID(),
      provider: 'proconnect',
      displayName,
      roles: [],
    });
    const julien = person('Julien Bernard');
    const access = { establishments: [establishmentId] };
    const announce = (contactEmail: string) =>
      kit.booking?.publish('establishment.contacts_changed', {
        establishmentId,
        contactEmail,
        managerAccountIds: [julien.accountId],
      });
    await announce(office);
    await until(
      `SELECT count(*)::int AS n FROM notification.recipient WHERE party_id = $1 AND source = 'contact' AND email = $2`,
      [establishmentId, office],
      1,
    );
    const path = `/establishments/${establishmentId}/contact`;
    expect((await kit.get<ListedContact>(path, julien, access)).body).toEqual({
      email: office,
      phone: null,
      smsConsent: false,
    });
    const given = await kit.call<ListedContact>('PUT', `${path}/phone`, julien, {
      access,
      json: { phone: '06 12 34 56 78', smsConsent: true },
    });
    expect(given).toEqual({ status: 200, body: { email: office, phone: '+33612345678', smsConsent: true } });
    const [consent] = (await kit.dataSource.query(
      `SELECT sms_consent_by AS "by", sms_consent_at IS NOT NULL AS "dated" FROM notification.recipient WHERE party_id = $1`,
      [establishmentId],
    )) as { by: string; dated: boolean }[];
    expect(consent).toEqual({ by: julien.accountId, dated: true });

    // Refused: a number that is none, SMS to a landline, another collège's manager, a visitor, a collège without contact.
    const invalid = await kit.call('PUT', `${path}/phone`, julien, {
      access,
      json: { phone: '12', smsConsent: false },
    });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('numéro');
    const landline = { phone: '04 76 00 00 00', smsConsent: true };
    expect((await kit.call('PUT', `${path}/phone`, julien, { access, json: landline })).status).toBe(400);
    const other = await kit.call('PUT', `${path}/phone`, person('Claire Petit'), {
      access: { establishments: [randomUUID()] },
      json: { phone: '06 99 99 99 99', smsConsent: true },
    });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: 'not_your_establishment' });
    expect((await kit.get(path, person('Claire Petit'), { establishments: [randomUUID()] })).status).toBe(403);
    expect((await kit.get(path, null)).status).toBe(401);
    const elsewhere = randomUUID();
    const none = await kit.get(`/establishments/${elsewhere}/contact`, julien, { establishments: [elsewhere] });
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ code: 'no_contact_address' });
    expect((await kit.get<ListedContact>(path, julien, access)).body.phone).toBe('+33612345678');

    // The same address announced again keeps its number; the decision reminder texts it.
    await announce(office);
    const bookingId = randomUUID();
    await kit.booking.publish(
      'booking.requested',
      bookingRequested({ bookingId, establishmentId, organisationId: randomUUID() }),
    );
    await kit.messagesTo(office, 1);
    await kit.dataSource.query(
      `INSERT INTO notification.scheduled_message (kind, booking_id, dedupe_key, due_at, expires_at, planned)
       VALUES ('decision_reminder', $1, $2, $3, $4, $5)`,
      [
        bookingId,
        `booking:${bookingId}`,
        new Date(kit.now.getTime() - 60_000),
        new Date(kit.now.getTime() + 86_400_000),
        JSON.stringify({
          template: 'decision_reminder',
          audience: 'establishment',
          decideBy: '2026-02-20T12:00:00.000Z',
        }),
      ],
    );
    expect(await kit.parts?.reminders.runOnce()).toBe(1);
    const deadline = Date.now() + 10_000;
    let texts = await kit.smsInbox('+33612345678');
    while (!texts.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      texts = await kit.smsInbox('+33612345678');
    }
    expect(texts.map((sms) => sms.message)).toEqual([
      'Rappel : une demande de réservation du 3 mars, 19 h attend votre décision avant le 20 février à 13 h, sinon elle expirera. Détails par courriel.',
    ]);

    // A new contact address is someone else: the number does not follow it.
    const newOffice = `accueil.${tag}@college.example.test`;
    await announce(newOffice);
    await until(
      `SELECT count(*)::int AS n FROM notification.recipient WHERE party_id = $1 AND email = $2`,
      [establishmentId, newOffice],
      1,
    );
    expect((await kit.get<ListedContact>(path, julien, access)).body).toEqual({
      email: newOffice,
      phone: null,
      smsConsent: false,
    });
    kit.now = null;
  });
});
