import { randomUUID } from 'node:crypto';
import type { Caller } from '@salle/auth';
import type { MyDigest, MyPreferences } from '@salle/contracts/notification';
import { NotificationTestKit } from './notification-test-kit';

const NB = '\u00a0';

describe('daily digests of the requests awaiting a decision, for the collège managers who chose one', () => {
  let kit: NotificationTestKit;
  beforeAll(async () => {
    // The digest hour is the default, 08:00 Paris time.
    kit = await NotificationTestKit.start('notif-digests');
  }, 60_000);
  afterAll(() => kit?.stop());

  const person = (displayName: string): Caller => ({
    accountId: randomUUID(),
    provider: 'proconnect',
    displayName,
    roles: [],
  });
  const booking = () => {
    if (!kit.booking) throw new Error('kit not started');
    return kit.booking;
  };
  const digests = () => {
    if (!kit.parts) throw new Error('kit not started');
    return kit.parts.digests;
  };

  async function request(ids: { establishmentId: string; organisationId: string }, startsAt: string, due: string) {
    const bookingId = randomUUID();
    await booking().publish('booking.requested', {
      ...ids,
      bookingId,
      spaceId: randomUUID(),
      seriesId: null,
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 9_000_000).toISOString(),
      priceCents: 4500,
      decisionDueAt: due,
    });
    return bookingId;
  }

  it('sends one digest a day listing the pending requests instead of one e-mail each, and nothing twice', async () => {
    const tag = randomUUID().slice(0, 8);
    const ids = { establishmentId: randomUUID(), organisationId: randomUUID() };
    const julien = { ...person('Julien Bernard'), email: `julien.${tag}@example.test` };
    const claire = { ...person('Claire Petit'), email: `claire.${tag}@example.test` };
    const office = `secretariat.${tag}@college.example.test`;
    await kit.announceContact(julien.accountId, julien.email, julien.displayName);
    await kit.announceContact(claire.accountId, claire.email, claire.displayName);
    await booking().publish('establishment.contacts_changed', {
      establishmentId: ids.establishmentId,
      contactEmail: office,
      managerAccountIds: [julien.accountId, claire.accountId],
    });
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.establishment_manager WHERE establishment_id = $1`,
      [ids.establishmentId],
      2,
    );
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.account_contact WHERE account_id = ANY($1::uuid[])`,
      [[julien.accountId, claire.accountId]],
      2,
    );

    // Julien chooses the digest on « Mon compte »; Claire keeps one e-mail per request.
    const access = { establishments: [ids.establishmentId] };
    expect((await kit.get<MyDigest>('/me/digest', julien, access)).body).toEqual({ daily: false, hour: 8 });
    const chosen = await kit.call<MyDigest>('PUT', '/me/digest', julien, { access, json: { daily: true } });
    expect(chosen).toEqual({ status: 200, body: { daily: true, hour: 8 } });

    const kept = await request(ids, '2030-03-05T18:00:00.000Z', '2030-02-27T12:00:00.000Z');
    const decided = await request(ids, '2030-03-03T18:00:00.000Z', '2030-02-20T12:00:00.000Z');
    await kit.messagesTo(claire.email, 2);
    await kit.messagesTo(office, 2);
    await booking().publish('booking.refused', { ...ids, bookingId: decided, reason: 'Gymnase fermé ce soir-là.' });
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.booking_fact WHERE booking_id = $1 AND NOT awaiting_decision`,
      [decided],
      1,
    );
    // No e-mail per request for Julien.
    expect(await kit.inbox(julien.email)).toEqual([]);

    // Before 08:00 Paris time: no digest yet.
    kit.now = new Date('2030-02-18T06:59:00Z');
    expect(await digests().runOnce()).toBe(0);
    // From 08:00: one, with the request still awaiting a decision and not the refused one.
    kit.now = new Date('2030-02-18T07:05:00Z');
    expect(await digests().runOnce()).toBe(1);
    const [digest] = await kit.messagesTo(julien.email, 1);
    expect(digest?.subject).toBe('1 demande de réservation en attente de votre décision');
    expect(digest?.text).toContain(`une demande attend votre décision`);
    expect(digest?.text).toContain(
      `– mardi 5 mars 2030, 19${NB}h${NB}– 21${NB}h${NB}30 · 45,00${NB}€ · à décider avant le mercredi 27 février 2030 à 13${NB}h`,
    );
    expect(digest?.text).not.toContain('3 mars 2030');
    expect(digest?.text).toContain(`https://salles.example.fr/gestion/${ids.establishmentId}/demandes`);
    expect(digest?.html).toContain('Traiter les demandes');
    // RFC 8058, like the other optional messages: the link stops the digest and nothing else.
    const header = digest?.headers['list-unsubscribe'] ?? '';
    expect(header).toMatch(/^<https:\/\/salles\.example\.fr\/desabonnement\/[\w-]+\.[\w-]+\.[\w-]+>$/);
    expect(digest?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const token = header.slice('<https://salles.example.fr/desabonnement/'.length, -1);
    expect(kept).toBeDefined();

    // Again the same day (a second replica, the next poll): nothing more. The next day: one more.
    expect(await digests().runOnce()).toBe(0);
    kit.now = new Date('2030-02-18T19:00:00Z');
    expect(await digests().runOnce()).toBe(0);
    kit.now = new Date('2030-02-19T07:00:00Z');
    expect(await digests().runOnce()).toBe(1);
    expect(await kit.messagesTo(julien.email, 2)).toHaveLength(2);
    // Nobody else gets a digest: Claire did not choose one.
    expect((await kit.inbox(claire.email)).map((message) => message.subject)).not.toContain(
      '1 demande de réservation en attente de votre décision',
    );

    // Back to one e-mail per request, by the digest's one-click link; his other choices are untouched.
    const page = await kit.call<string>('GET', `/unsubscribe/${token}`, null);
    expect(page.body).toContain(`«${NB}Récapitulatif quotidien des demandes${NB}»`);
    expect((await kit.get<MyDigest>('/me/digest', julien, access)).body.daily).toBe(true);
    const done = await kit.call<string>('POST', `/unsubscribe/${token}`, null, { form: 'List-Unsubscribe=One-Click' });
    expect(done.status).toBe(200);
    expect((await kit.get<MyDigest>('/me/digest', julien, access)).body.daily).toBe(false);
    const choices = await kit.get<MyPreferences>('/me/preferences', julien);
    expect(choices.body.items.every((line) => line.email)).toBe(true);
    await request(ids, '2030-03-12T18:00:00.000Z', '2030-03-06T12:00:00.000Z');
    expect(await kit.messagesTo(julien.email, 3)).toHaveLength(3);
    kit.now = new Date('2030-02-20T07:00:00Z');
    expect(await digests().runOnce()).toBe(0);
  });

  it('refuses the digest to someone who manages no collège, and to a visitor; each reads only their own choice', async () => {
    const member = person('Angela Dubois');
    const refused = await kit.call('PUT', '/me/digest', member, {
      access: { organisations: [randomUUID()] },
      json: { daily: true },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'digest_for_managers' });
    expect((await kit.get<MyDigest>('/me/digest', member)).body.daily).toBe(false);
    expect((await kit.call('PUT', '/me/digest', null, { json: { daily: true } })).status).toBe(401);
    expect((await kit.get('/me/digest', null)).status).toBe(401);
    const manager = person('Julien Bernard');
    const access = { establishments: [randomUUID()] };
    expect((await kit.call('PUT', '/me/digest', manager, { access, json: { daily: 'oui' } })).status).toBe(400);
    expect((await kit.call('PUT', '/me/digest', manager, { access, json: { daily: true } })).status).toBe(200);
    // Another person's choice is not theirs.
    expect((await kit.get<MyDigest>('/me/digest', member)).body.daily).toBe(false);
  });

  it('lists the sessions of a series request as one line, with the series’ page', async () => {
    const tag = randomUUID().slice(0, 8);
    const ids = { establishmentId: randomUUID(), organisationId: randomUUID() };
    const manager = { ...person('Julien Bernard'), email: `julien.${tag}@example.test` };
    await kit.announceContact(manager.accountId, manager.email, manager.displayName);
    await booking().publish('establishment.contacts_changed', {
      establishmentId: ids.establishmentId,
      contactEmail: null,
      managerAccountIds: [manager.accountId],
    });
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.establishment_manager WHERE establishment_id = $1`,
      [ids.establishmentId],
      1,
    );
    const access = { establishments: [ids.establishmentId] };
    await kit.call<MyDigest>('PUT', '/me/digest', manager, { access, json: { daily: true } });

    // Three Tuesdays, 19 h – 21 h 30 in Paris, requested in one go (the earliest the lead).
    const seriesId = randomUUID();
    const sessions = [0, 1, 2].map((k) => {
      const start = Date.parse('2031-03-04T18:00:00.000Z') + k * 7 * 24 * 3_600_000;
      return {
        bookingId: randomUUID(),
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 9_000_000).toISOString(),
        priceCents: 4000,
      };
    });
    const spaceId = randomUUID();
    for (const session of sessions) {
      await booking().publish('booking.requested', {
        ...ids,
        ...session,
        spaceId,
        seriesId,
        decisionDueAt: '2031-02-26T12:00:00.000Z',
        seriesBatch: session === sessions[0] ? { seriesId, lead: true, sessions } : { seriesId, lead: false },
      });
    }
    await request(ids, '2031-03-06T18:00:00.000Z', '2031-02-27T12:00:00.000Z');
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.booking_fact WHERE establishment_id = $1 AND awaiting_decision`,
      [ids.establishmentId],
      4,
    );

    kit.now = new Date('2031-02-20T07:05:00Z');
    expect(await digests().runOnce()).toBeGreaterThanOrEqual(1);
    const [digest] = await kit.messagesTo(manager.email, 1);
    expect(digest?.subject).toBe('2 demandes de réservation en attente de votre décision');
    expect(digest?.text).toContain(
      `– Réservation régulière, 3 séances, du mardi 4 mars 2031 au mardi 18 mars 2031, 19${NB}h${NB}– 21${NB}h${NB}30 · 120,00${NB}€ · à décider avant le mercredi 26 février 2031 à 13${NB}h · https://salles.example.fr/series/${seriesId}`,
    );
    expect(digest?.text).toContain(`– jeudi 6 mars 2031, 19${NB}h${NB}– 21${NB}h${NB}30 · 45,00${NB}€`);
    expect(digest?.text).not.toContain('11 mars 2031');
  });
});
