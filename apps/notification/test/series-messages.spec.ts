import { randomUUID } from 'node:crypto';
import type { Caller } from '@salle/auth';
import type { BookingMessages, EventPayload, SeriesBatch } from '@salle/contracts';
import { NotificationTestKit, bookingRequested } from './notification-test-kit';

const NB = '\u00a0';
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

/**
 * A season series requested and decided in one action, as the booking service publishes it: one event per session,
 * the earliest one the lead that lists the sessions of the request or decision, the others marked as told by it.
 */
describe('a series told as one: one message per request and per decision, whatever its sessions', () => {
  let kit: NotificationTestKit;
  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-series');
  }, 60_000);
  afterAll(() => kit?.stop());

  const booking = () => {
    if (!kit.booking) throw new Error('no booking stand-in');
    return kit.booking;
  };

  /** A 20-session weekly series (Tuesdays 19 h – 21 h 30 from 6 January 2026) of a fresh organisation and collège. */
  async function series(count = 20) {
    const parties = { establishmentId: randomUUID(), organisationId: randomUUID() };
    const seriesId = randomUUID();
    const spaceId = randomUUID();
    const first = Date.parse('2026-01-06T18:00:00.000Z');
    // 19 h in Paris every week: an hour earlier in UTC from the switch to summer time (29 March 2026).
    const summer = Date.parse('2026-03-29T01:00:00.000Z');
    const sessions = Array.from({ length: count }, (_, k) => {
      const start = first + k * WEEK - (first + k * WEEK >= summer ? HOUR : 0);
      return {
        bookingId: randomUUID(),
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 2.5 * HOUR).toISOString(),
        priceCents: 4000,
      };
    });
    const tag = seriesId.slice(0, 8);
    const people = {
      member: `angela.${tag}@example.test`,
      owner: `paul.${tag}@example.test`,
      manager: `julien.${tag}@example.test`,
    };
    await kit.addRecipient('organisation', parties.organisationId, people.member, 'Angela Dubois');
    await kit.addRecipient('organisation', parties.organisationId, people.owner, 'Paul Martin');
    await kit.addRecipient('establishment', parties.establishmentId, people.manager, 'Julien Bernard');
    return { parties, seriesId, spaceId, sessions, people };
  }
  type Series = Awaited<ReturnType<typeof series>>;

  /** The batch marker of `session` in a request or decision of `chosen` (the earliest is the lead). */
  function batchOf(s: Series, chosen: Series['sessions'], bookingId: string, extra: Partial<SeriesBatch> = {}) {
    return chosen[0]?.bookingId === bookingId
      ? { seriesId: s.seriesId, lead: true, sessions: chosen, ...extra }
      : { seriesId: s.seriesId, lead: false };
  }

  /** The kinds of the messages the page of `bookingId` lists to a member of the series' organisation, sorted. */
  async function listedKinds(s: Series, bookingId: string | undefined): Promise<string[]> {
    const member: Caller = { accountId: randomUUID(), provider: 'franceconnect', displayName: 'Angela', roles: [] };
    const answer = await kit.get<BookingMessages>(`/bookings/${bookingId ?? ''}/messages`, member, {
      organisations: [s.parties.organisationId],
    });
    expect(answer.status).toBe(200);
    return answer.body.items.map((item) => item.kind).sort();
  }

  /** Publishes the request of every session, the lead last (as any order may come); their event ids. */
  async function request(s: Series): Promise<string[]> {
    const ids: string[] = [];
    for (const session of [...s.sessions].reverse()) {
      const payload: EventPayload<'booking.requested'> = {
        ...bookingRequested({ ...s.parties, bookingId: session.bookingId }),
        spaceId: s.spaceId,
        seriesId: s.seriesId,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        priceCents: session.priceCents,
        decisionDueAt: '2025-12-30T12:00:00.000Z',
        seriesBatch: batchOf(s, s.sessions, session.bookingId),
        labels: {
          organisationName: 'Judo Club du Grésivaudan',
          establishmentName: 'Collège Le Moucherotte',
          spaceName: 'Dojo',
        },
        // Entered by the collège's staff for an organisation the département has not verified yet.
        requester: { status: 'pending', insuranceExpiresOn: '2026-08-31' },
      };
      ids.push(await booking().publish('booking.requested', payload));
    }
    return ids;
  }

  /** Waits until the service has handled every one of `eventIds` (so that no message is still to come). */
  async function handled(eventIds: string[]): Promise<void> {
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.event_inbox WHERE event_id = ANY($1::uuid[])`,
      [eventIds],
      eventIds.length,
      20_000,
    );
  }

  /** Delivers `eventIds` again once the inbox forgot them (pruned), and waits for them to be handled. */
  async function redeliverForgotten(eventIds: string[]): Promise<void> {
    await kit.dataSource.query(`DELETE FROM notification.event_inbox WHERE event_id = ANY($1::uuid[])`, [eventIds]);
    for (const id of eventIds) await booking().republish(id);
    await handled(eventIds);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }

  /** The messages to `to` once every event is handled: none still on its way. */
  async function messagesTo(to: string, eventIds: string[]) {
    await handled(eventIds);
    // Logged in the event's transaction: every copy tried before the inbox is read.
    await kit.settled(20_000);
    return kit.messagesTo(to, 1, 1_000);
  }

  it('tells a 20-session request once to the collège’s managers and once to each of the organisation’s people, with the sessions and the series’ page', async () => {
    const s = await series();
    const events = await request(s);

    const toManager = await messagesTo(s.people.manager, events);
    expect(toManager).toHaveLength(1);
    const [newRequest] = toManager;
    expect(newRequest?.subject).toBe(
      `Nouvelle demande de réservation régulière${NB}: 20 séances à partir du 6 janvier 2026`,
    );
    expect(newRequest?.text).toContain(`Séances${NB}: 20 séances, du mardi 6 janvier 2026 au mardi 19 mai 2026`);
    expect(newRequest?.text).toContain(`Horaire${NB}: 19${NB}h${NB}– 21${NB}h${NB}30`);
    expect(newRequest?.text).toContain(`Montant total${NB}: 800,00${NB}€`);
    expect(newRequest?.text).toContain(`Lieu${NB}: Dojo, Collège Le Moucherotte`);
    expect(newRequest?.text).toContain(`Organisation${NB}: Judo Club du Grésivaudan`);
    expect(newRequest?.text).toContain(`Vérification${NB}: en attente de vérification par le département`);
    expect(newRequest?.text).toContain(`Assurance${NB}: valable jusqu’au 31 août 2026`);
    expect(newRequest?.text).toContain(`Dates des séances${NB}: mar. 6 janv., mar. 13 janv., mar. 20 janv.,`);
    expect(newRequest?.text).toContain('mar. 19 mai.');
    expect(newRequest?.text).toContain(`Traiter la demande${NB}: https://salles.example.fr/series/${s.seriesId}`);
    expect(newRequest?.html).toContain(`href="https://salles.example.fr/series/${s.seriesId}"`);
    expect(newRequest?.text).not.toContain('Cette occurrence');

    for (const person of [s.people.member, s.people.owner]) {
      const received = await messagesTo(person, events);
      expect(received).toHaveLength(1);
      expect(received[0]?.subject).toBe(
        `Demande de réservation régulière reçue${NB}: 20 séances à partir du 6 janvier 2026`,
      );
      expect(received[0]?.text).toContain(`Voir la demande${NB}: https://salles.example.fr/series/${s.seriesId}`);
    }
    // Logged once per recipient, under the lead session's event and booking.
    const logged = (await kit.dataSource.query(
      `SELECT DISTINCT booking_id FROM notification.message WHERE event_id = ANY($1::uuid[])`,
      [events],
    )) as { booking_id: string }[];
    expect(logged).toEqual([{ booking_id: s.sessions[0]?.bookingId }]);
    // Yet every session's page lists them among the messages sent about it, as the lead's does.
    const kinds = ['new_request', 'request_received', 'request_received'];
    expect(await listedKinds(s, s.sessions[0]?.bookingId)).toEqual(kinds);
    expect(await listedKinds(s, s.sessions[12]?.bookingId)).toEqual(kinds);
  });

  it('tells the approval of the whole series in one action once, with what is due per period and the series’ page to pay from', async () => {
    const s = await series();
    const requested = await request(s);
    await messagesTo(s.people.member, requested);
    await kit.clearInbox();
    const spring = Date.parse('2026-04-01T00:00:00+02:00');
    const firstOf = (inSpring: boolean) =>
      s.sessions.find((session) => Date.parse(session.startsAt) >= spring === inSpring)?.bookingId ?? '';
    const periods = [
      {
        key: '2025-T2',
        label: '2e trimestre 2025-2026 (janvier à mars)',
        amountCents: 52000,
        dueAt: '2026-01-02T12:00:00.000Z',
        firstBookingId: firstOf(false),
      },
      {
        key: '2025-T3',
        label: '3e trimestre 2025-2026 (avril à août)',
        amountCents: 28000,
        dueAt: '2026-03-24T17:00:00.000Z',
        firstBookingId: firstOf(true),
      },
    ];
    const approvals: string[] = [];
    for (const session of s.sessions) {
      const period = Date.parse(session.startsAt) < spring ? periods[0] : periods[1];
      if (!period) throw new Error('no period');
      approvals.push(
        await booking().publish('booking.approved', {
          ...s.parties,
          bookingId: session.bookingId,
          spaceId: s.spaceId,
          startsAt: session.startsAt,
          endsAt: session.endsAt,
          priceCents: session.priceCents,
          paymentDueAt: period.dueAt,
          labels: {
            organisationName: 'Basket Club de Crolles',
            establishmentName: 'Collège Flavius Vaussenat',
            spaceName: 'Gymnase',
          },
          seriesPeriod: { seriesId: s.seriesId, key: period.key, label: period.label },
          seriesBatch: batchOf(s, s.sessions, session.bookingId, { periods }),
        }),
      );
    }
    const toMember = await messagesTo(s.people.member, approvals);
    expect(toMember).toHaveLength(1);
    const [approved] = toMember;
    expect(approved?.subject).toBe(
      `Réservation régulière acceptée${NB}: premier paiement avant le vendredi 2 janvier 2026 à 13${NB}h`,
    );
    expect(approved?.text).toContain('Le collège a accepté 20 séances de votre réservation régulière.');
    expect(approved?.text).toContain(`Montant total${NB}: 800,00${NB}€`);
    expect(approved?.text).toContain(
      `2e trimestre 2025-2026 (janvier à mars)${NB}: 520,00${NB}€ à payer avant le vendredi 2 janvier 2026 à 13${NB}h`,
    );
    expect(approved?.text).toContain(
      `3e trimestre 2025-2026 (avril à août)${NB}: 280,00${NB}€ à payer avant le mardi 24 mars 2026 à 18${NB}h`,
    );
    expect(approved?.text).toContain(`Lieu${NB}: Gymnase, Collège Flavius Vaussenat`);
    expect(approved?.text).toContain(`Payer en ligne${NB}: https://salles.example.fr/series/${s.seriesId}`);
    expect(approved?.html).toContain(`href="https://salles.example.fr/series/${s.seriesId}"`);
    expect(await messagesTo(s.people.owner, approvals)).toHaveLength(1);
    // The managers decided it: nothing for them.
    expect(await messagesTo(s.people.manager, approvals)).toHaveLength(0);
  });

  it('tells a refusal of a chosen subset once, naming those sessions only', async () => {
    const s = await series(6);
    const requested = await request(s);
    await messagesTo(s.people.member, requested);
    await kit.clearInbox();
    const chosen = s.sessions.slice(2, 5);
    const refusals: string[] = [];
    for (const session of chosen) {
      refusals.push(
        await booking().publish('booking.refused', {
          ...s.parties,
          bookingId: session.bookingId,
          reason: 'Le gymnase est réservé aux compétitions ces soirs-là.',
          seriesBatch: batchOf(s, chosen, session.bookingId),
        }),
      );
    }
    const toMember = await messagesTo(s.people.member, refusals);
    expect(toMember).toHaveLength(1);
    const [refused] = toMember;
    expect(refused?.subject).toBe(`Réservation régulière refusée${NB}: 3 séances à partir du 20 janvier 2026`);
    expect(refused?.text).toContain(
      'Le collège n’a pas pu accepter 3 séances de votre demande de réservation régulière.',
    );
    expect(refused?.text).toContain(
      `Motif indiqué par le collège${NB}: Le gymnase est réservé aux compétitions ces soirs-là.`,
    );
    expect(refused?.text).toContain(`Dates des séances${NB}: mar. 20 janv., mar. 27 janv., mar. 3 févr.`);
    expect(refused?.text).not.toContain('13 janv.');
    expect(refused?.text).toContain(`Voir la série${NB}: https://salles.example.fr/series/${s.seriesId}`);
  });

  it('sends nothing more when the lead’s and another session’s events are delivered again', async () => {
    const s = await series(5);
    const events = await request(s);
    expect(await messagesTo(s.people.manager, events)).toHaveLength(1);
    // `request` publishes the lead last.
    const lead = events[events.length - 1];
    const other = events[0];
    if (!lead || !other) throw new Error('no events');
    for (const id of [lead, other]) await booking().republish(id);
    await new Promise((resolve) => setTimeout(resolve, 700));
    // Once more after the inbox forgot them (pruned): the send log's unique key still holds.
    await redeliverForgotten([lead, other]);
    expect(await kit.messagesTo(s.people.manager, 2, 1_000)).toHaveLength(1);
    expect(await kit.messagesTo(s.people.member, 2, 1_000)).toHaveLength(1);
  });

  /** Publishes the cancellation of `chosen` in one action (the lead first, then the others); their event ids. */
  async function cancel(s: Series, chosen: Series['sessions'], cancelledBy: 'establishment' | 'organisation') {
    const cancellation = { refundPercent: 100, cancelledFrom: 'confirmed' as const };
    const ids: string[] = [];
    for (const session of chosen) {
      const batch = batchOf(s, chosen, session.bookingId);
      ids.push(
        await booking().publish('booking.cancelled', {
          ...s.parties,
          bookingId: session.bookingId,
          cancelledBy,
          priceCents: session.priceCents,
          reason: 'Travaux dans le gymnase',
          ...cancellation,
          seriesBatch: batch.lead
            ? { ...batch, sessions: chosen.map((each) => ({ ...each, ...cancellation })) }
            : batch,
        }),
      );
    }
    return ids;
  }

  it('tells the collège’s cancellation of chosen sessions once to each of the organisation’s people, with the total refund', async () => {
    const s = await series(6);
    await messagesTo(s.people.member, await request(s));
    await kit.clearInbox();
    const chosen = s.sessions.slice(1, 4);
    const events = await cancel(s, chosen, 'establishment');
    for (const person of [s.people.member, s.people.owner]) {
      const received = await messagesTo(person, events);
      expect(received).toHaveLength(1);
      const [cancelled] = received;
      expect(cancelled?.subject).toBe(
        `Réservation régulière annulée par le collège${NB}: 3 séances à partir du 13 janvier 2026`,
      );
      expect(cancelled?.text).toContain('Le collège a annulé 3 séances de votre réservation régulière.');
      expect(cancelled?.text).toContain(`Motif indiqué${NB}: Travaux dans le gymnase`);
      expect(cancelled?.text).toContain(
        `Vous serez remboursé de 120,00${NB}€ en tout sur le moyen de paiement utilisé`,
      );
      expect(cancelled?.text).toContain(`Remboursement total${NB}: 120,00${NB}€`);
      expect(cancelled?.text).toContain(`Dates des séances${NB}: mar. 13 janv., mar. 20 janv., mar. 27 janv.`);
      expect(cancelled?.text).toContain(`Voir la série${NB}: https://salles.example.fr/series/${s.seriesId}`);
      expect(cancelled?.html).toContain(`href="https://salles.example.fr/series/${s.seriesId}"`);
    }
    // The collège cancelled them: nothing for its managers.
    expect(await messagesTo(s.people.manager, events)).toHaveLength(0);
    // Each cancelled session's page lists the cancellation; a session kept does not.
    const cancellations = (kinds: string[]) => kinds.filter((kind) => kind === 'cancelled_by_establishment');
    expect(cancellations(await listedKinds(s, chosen[2]?.bookingId))).toHaveLength(2);
    expect(cancellations(await listedKinds(s, s.sessions[4]?.bookingId))).toEqual([]);
  });

  it('tells the organisation’s cancellation of chosen sessions once to the collège’s managers, and nothing more when delivered again', async () => {
    const s = await series(6);
    await messagesTo(s.people.manager, await request(s));
    await kit.clearInbox();
    const chosen = s.sessions.slice(3);
    const events = await cancel(s, chosen, 'organisation');
    const toManager = await messagesTo(s.people.manager, events);
    expect(toManager).toHaveLength(1);
    expect(toManager[0]?.subject).toBe(
      `Réservation régulière annulée par l’association${NB}: 3 séances à partir du 27 janvier 2026`,
    );
    expect(toManager[0]?.text).toContain(
      `L’association a annulé 3 séances de sa réservation régulière${NB}: les créneaux sont de nouveau libres.`,
    );
    expect(toManager[0]?.text).toContain(`Voir la série${NB}: https://salles.example.fr/series/${s.seriesId}`);
    expect(await messagesTo(s.people.member, events)).toHaveLength(0);

    const [lead, other] = events;
    if (!lead || !other) throw new Error('no events');
    await redeliverForgotten([lead, other]);
    expect(await kit.messagesTo(s.people.manager, 2, 1_000)).toHaveLength(1);
  });

  it('tells free sessions confirmed in one action once, with the series’ page', async () => {
    const s = await series(4);
    await messagesTo(s.people.member, await request(s));
    await kit.clearInbox();
    const free = s.sessions.map((session) => ({ ...session, priceCents: 0 }));
    const events: string[] = [];
    for (const session of free) {
      events.push(
        await booking().publish('booking.confirmed', {
          ...s.parties,
          bookingId: session.bookingId,
          spaceId: s.spaceId,
          startsAt: session.startsAt,
          endsAt: session.endsAt,
          priceCents: 0,
          paymentId: null,
          seriesBatch: batchOf(s, free, session.bookingId),
        }),
      );
    }
    for (const person of [s.people.member, s.people.owner]) {
      const received = await messagesTo(person, events);
      expect(received).toHaveLength(1);
      expect(received[0]?.subject).toBe(`Réservation régulière confirmée${NB}: 4 séances à partir du 6 janvier 2026`);
      expect(received[0]?.text).toContain('4 séances de votre réservation régulière sont confirmées.');
      expect(received[0]?.text).toContain(`Elles sont gratuites${NB}: vous n’avez rien à payer.`);
      expect(received[0]?.text).toContain(`Voir la série${NB}: https://salles.example.fr/series/${s.seriesId}`);
    }
  });

  it('leaves a one-off booking’s cancellation as it was: its slot, its refund and its page', async () => {
    const s = await series(1);
    const [session] = s.sessions;
    if (!session) throw new Error('no session');
    const requested = await booking().publish(
      'booking.requested',
      bookingRequested({ ...s.parties, bookingId: session.bookingId }),
    );
    await messagesTo(s.people.member, [requested]);
    await kit.clearInbox();
    const id = await booking().publish('booking.cancelled', {
      ...s.parties,
      bookingId: session.bookingId,
      cancelledBy: 'establishment',
      refundPercent: 100,
      priceCents: 4000,
      reason: null,
      cancelledFrom: 'confirmed',
    });
    const [toMember] = await messagesTo(s.people.member, [id]);
    expect(toMember?.subject).toBe(
      `Réservation annulée par le collège${NB}: mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30`,
    );
    expect(toMember?.text).toContain(`Vous serez remboursé de 40,00${NB}€ sur le moyen de paiement utilisé`);
    expect(toMember?.text).toContain(
      `Voir la réservation${NB}: https://salles.example.fr/reservations/${session.bookingId}`,
    );
  });

  it('leaves a one-off request’s messages as they were: the slot and the booking’s page, without what an older producer did not tell', async () => {
    const s = await series(1);
    const [session] = s.sessions;
    if (!session) throw new Error('no session');
    const id = await booking().publish(
      'booking.requested',
      bookingRequested({ ...s.parties, bookingId: session.bookingId }),
    );
    const [toManager] = await messagesTo(s.people.manager, [id]);
    expect(toManager?.subject).toBe(
      `Nouvelle demande de réservation${NB}: mardi 3 mars 2026, 19${NB}h${NB}– 21${NB}h${NB}30`,
    );
    expect(toManager?.text).toContain(
      `Traiter la demande${NB}: https://salles.example.fr/gestion/${s.parties.establishmentId}/demandes`,
    );
    expect(toManager?.text).not.toContain('Vérification');
    expect(toManager?.text).not.toContain('Assurance');
    const [toMember] = await messagesTo(s.people.member, [id]);
    expect(toMember?.text).toContain(
      `Voir la demande${NB}: https://salles.example.fr/reservations/${session.bookingId}`,
    );
  });
});
