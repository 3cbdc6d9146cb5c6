import { DEVELOPMENT_EVENT_SECRET_KEY, eventSecrets } from '@salle/events';
import { randomUUID } from 'node:crypto';
import type { Caller } from '@salle/auth';
import type { BookingMessages } from '@salle/contracts';
import { createDataSource } from '@salle/db';
import { createLogger } from '@salle/runtime';
import { NotificationTestKit } from './notification-test-kit';
import { unsubscribeTokens } from '../src/preferences/unsubscribe-token';
import { ReminderWorker } from '../src/schedule/reminder-worker';

const NB = '\u00a0';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('reminders from the durable schedule, received through the real SMTP sandbox', () => {
  let kit: NotificationTestKit;
  let clock = new Date();
  const settings = {
    brand: { departmentName: 'Département de l’Isère', webUrl: 'https://salles.example.fr' },
    reminders: { paymentMs: 24 * HOUR, sessionMs: 2 * DAY, decisionMs: 48 * HOUR },
    sms: false,
    unsubscribe: unsubscribeTokens('a-test-secret-of-thirty-two-characters-at-least'),
    secrets: eventSecrets(DEVELOPMENT_EVENT_SECRET_KEY),
  };

  beforeAll(async () => {
    // The timer never fires during the tests: they run the reminders themselves, at the time they set.
    kit = await NotificationTestKit.start('notif-reminders', {
      env: { NOTIFICATION_REMINDER_POLL_MS: '3600000' },
      now: () => clock,
    });
  }, 60_000);
  afterAll(() => kit?.stop());

  const booking = () => {
    if (!kit.booking) throw new Error('kit not started');
    return kit.booking;
  };
  const reminders = () => {
    if (!kit.parts) throw new Error('kit not started');
    return kit.parts.reminders;
  };
  const states = async (bookingId: string) =>
    Object.fromEntries(
      (
        (await kit.dataSource.query(
          `SELECT kind, state FROM notification.scheduled_message WHERE booking_id = $1 ORDER BY kind`,
          [bookingId],
        )) as { kind: string; state: string }[]
      ).map((row) => [row.kind, row.state]),
    );

  /** A booking of a fresh organisation and collège, requested now, its session three weeks ahead. */
  async function requested(seriesId: string | null = null) {
    const ids = {
      bookingId: randomUUID(),
      establishmentId: randomUUID(),
      organisationId: randomUUID(),
      spaceId: randomUUID(),
    };
    const tag = ids.bookingId.slice(0, 8);
    const people = { member: `angela.${tag}@example.test`, manager: `julien.${tag}@example.test` };
    await kit.addRecipient('organisation', ids.organisationId, people.member);
    await kit.addRecipient('establishment', ids.establishmentId, people.manager);
    const startsAt = new Date(Date.now() + 21 * DAY);
    const slot = {
      ...ids,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
    };
    const decisionDueAt = new Date(Date.now() + 10 * DAY).toISOString();
    await booking().publish('booking.requested', { ...slot, seriesId, priceCents: 4500, decisionDueAt });
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.scheduled_message WHERE booking_id = $1`,
      [ids.bookingId],
      1,
    );
    await kit.messagesTo(people.manager, 1);
    await kit.clearInbox();
    return { ids, people, slot, decisionDueAt };
  }

  it('reminds the collège of a request about to expire undecided, not before its time', async () => {
    const { ids, people, decisionDueAt } = await requested();
    clock = new Date(Date.parse(decisionDueAt) - 49 * HOUR);
    await reminders().runOnce();
    expect(await states(ids.bookingId)).toEqual({ decision_reminder: 'scheduled' });

    clock = new Date(Date.parse(decisionDueAt) - 47 * HOUR);
    await reminders().runOnce();
    const [message] = await kit.messagesTo(people.manager, 1);
    expect(message?.subject).toMatch(new RegExp(`^Demande en attente${NB}: à décider avant le `));
    expect(message?.text).toContain('Une demande de réservation attend toujours votre décision.');
    expect(message?.text).toContain(
      `Traiter la demande${NB}: https://salles.example.fr/gestion/${ids.establishmentId}/demandes`,
    );
    expect(message?.html).toContain('Département de l’Isère');
    expect(await kit.inbox(people.member)).toEqual([]);
    expect(await states(ids.bookingId)).toEqual({ decision_reminder: 'done' });
    // Run again: nothing more.
    await reminders().runOnce();
    expect(await kit.messagesTo(people.manager, 1)).toHaveLength(1);
  });

  it('reminds the organisation to pay a day before the deadline, and the decision reminder is gone with the approval', async () => {
    const { ids, people, slot } = await requested();
    const paymentDueAt = new Date(Date.now() + 3 * DAY).toISOString();
    await booking().publish('booking.approved', { ...slot, priceCents: 4500, paymentDueAt });
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.scheduled_message WHERE booking_id = $1 AND kind = 'payment_reminder'`,
      [ids.bookingId],
      1,
    );
    expect(await states(ids.bookingId)).toEqual({ decision_reminder: 'cancelled', payment_reminder: 'scheduled' });
    await kit.messagesTo(people.member, 1);
    await kit.clearInbox();

    clock = new Date(Date.parse(paymentDueAt) - 23 * HOUR);
    await reminders().runOnce();
    const [message] = await kit.messagesTo(people.member, 1);
    expect(message?.subject).toMatch(new RegExp(`^Rappel${NB}: réservation à payer avant le `));
    expect(message?.text).toContain(`Payez 45,00${NB}€ en ligne avant le`);
    expect(message?.text).toContain(`Payer en ligne${NB}: https://salles.example.fr/reservations/${ids.bookingId}`);
    expect(await kit.inbox(people.manager)).toEqual([]);
  });

  it('reminds a series approved in one action once per payment period, not per session, and forgets a paid period', async () => {
    const seriesId = randomUUID();
    // Four weekly sessions: two in each of two periods, approved together.
    const first = await requested(seriesId);
    const { establishmentId, organisationId, spaceId } = first.ids;
    const sessions = [first.ids.bookingId, randomUUID(), randomUUID(), randomUUID()].map((bookingId, k) => ({
      bookingId,
      startsAt: new Date(Date.parse(first.slot.startsAt) + k * 7 * DAY).toISOString(),
      endsAt: new Date(Date.parse(first.slot.endsAt) + k * 7 * DAY).toISOString(),
      priceCents: 4500,
    }));
    const periods = [
      { key: 'p1', label: 'Décembre 2026', amountCents: 9000, dueAt: new Date(Date.now() + 3 * DAY).toISOString() },
      { key: 'p2', label: 'Janvier 2027', amountCents: 9000, dueAt: new Date(Date.now() + 17 * DAY).toISOString() },
    ].map((period, k) => ({ ...period, firstBookingId: sessions[2 * k]?.bookingId ?? '' }));
    for (const [k, session] of sessions.entries()) {
      const period = periods[k < 2 ? 0 : 1];
      if (!period) throw new Error('no period');
      await booking().publish('booking.approved', {
        ...session,
        establishmentId,
        organisationId,
        spaceId,
        paymentDueAt: period.dueAt,
        seriesPeriod: { seriesId, key: period.key, label: period.label },
        seriesBatch: k === 0 ? { seriesId, lead: true, sessions, periods } : { seriesId, lead: false },
      });
    }
    const scheduled = `SELECT count(*)::int AS n FROM notification.scheduled_message
                        WHERE booking_id = ANY($1::uuid[]) AND kind = 'payment_reminder' AND state = 'scheduled'`;
    const ids = sessions.map((session) => session.bookingId);
    await kit.until(scheduled, [ids], 2);
    const rows = (await kit.dataSource.query(
      `SELECT booking_id AS "bookingId", dedupe_key AS "key" FROM notification.scheduled_message
        WHERE booking_id = ANY($1::uuid[]) AND kind = 'payment_reminder' ORDER BY due_at`,
      [ids],
    )) as { bookingId: string; key: string }[];
    expect(rows).toEqual([
      { bookingId: sessions[0]?.bookingId, key: `series:${seriesId}:p1` },
      { bookingId: sessions[2]?.bookingId, key: `series:${seriesId}:p2` },
    ]);
    await kit.messagesTo(first.people.member, 1);
    await kit.clearInbox();

    clock = new Date(Date.parse(periods[0]?.dueAt ?? '') - 23 * HOUR);
    await reminders().runOnce();
    const toMember = await kit.messagesTo(first.people.member, 1);
    expect(toMember).toHaveLength(1);
    expect(toMember[0]?.subject).toMatch(new RegExp(`^Rappel${NB}: réservation régulière à payer avant le `));
    expect(toMember[0]?.text).toContain(`La période «${NB}Décembre 2026${NB}» de votre réservation régulière`);
    expect(toMember[0]?.text).toContain(`Payez 90,00${NB}€ en ligne avant le`);
    expect(toMember[0]?.text).toContain(`Payer en ligne${NB}: https://salles.example.fr/series/${seriesId}`);
    // Each session of the period lists the reminder among its messages; a session of the next period does not.
    const member: Caller = { accountId: randomUUID(), provider: 'franceconnect', displayName: 'Angela', roles: [] };
    const reminded = async (bookingId: string | undefined) => {
      const answer = await kit.get<BookingMessages>(`/bookings/${bookingId ?? ''}/messages`, member, {
        organisations: [organisationId],
      });
      expect(answer.status).toBe(200);
      return answer.body.items.some((item) => item.kind === 'payment_reminder');
    };
    expect(await reminded(sessions[1]?.bookingId)).toBe(true);
    expect(await reminded(sessions[2]?.bookingId)).toBe(false);

    // The second period is paid (each of its sessions' payment.succeeded, the first one's cancels its reminder).
    await kit.payment?.publish('payment.succeeded', {
      paymentId: randomUUID(),
      bookingId: sessions[2]?.bookingId ?? '',
      establishmentId,
      amountCents: 9000,
      paidAt: new Date().toISOString(),
      period: { seriesId, key: 'p2', sessionCount: 2, lead: true },
    });
    await kit.until(scheduled, [ids], 0);
    await kit.clearInbox();
    clock = new Date(Date.parse(periods[1]?.dueAt ?? '') - 23 * HOUR);
    await reminders().runOnce();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await kit.inbox(first.people.member)).toEqual([]);
  });

  it('schedules the session reminder at confirmation and cancels it with the booking', async () => {
    const { ids, people, slot } = await requested();
    await booking().publish('booking.confirmed', { ...slot, priceCents: 0, paymentId: null });
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.scheduled_message WHERE booking_id = $1 AND kind = 'session_reminder' AND state = 'scheduled'`,
      [ids.bookingId],
      1,
    );
    const [{ dueAt }] = (await kit.dataSource.query(
      `SELECT due_at AS "dueAt" FROM notification.scheduled_message WHERE booking_id = $1 AND kind = 'session_reminder'`,
      [ids.bookingId],
    )) as [{ dueAt: Date }];
    expect(dueAt.toISOString()).toBe(new Date(Date.parse(slot.startsAt) - 2 * DAY).toISOString());
    // An event carrying another slot for the booking moves its waiting reminder.
    const moved = {
      ...slot,
      startsAt: new Date(Date.parse(slot.startsAt) + DAY).toISOString(),
      endsAt: new Date(Date.parse(slot.endsAt) + DAY).toISOString(),
    };
    await booking().publish('booking.confirmed', { ...moved, priceCents: 0, paymentId: null });
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.scheduled_message
        WHERE booking_id = $1 AND kind = 'session_reminder' AND due_at = $2 AND expires_at = $3`,
      [ids.bookingId, new Date(Date.parse(moved.startsAt) - 2 * DAY), new Date(moved.startsAt)],
      1,
    );
    await booking().publish('booking.cancelled', {
      bookingId: ids.bookingId,
      establishmentId: ids.establishmentId,
      organisationId: ids.organisationId,
      cancelledBy: 'organisation',
      refundPercent: 100,
      priceCents: 0,
      reason: null,
      cancelledFrom: 'confirmed',
    });
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.scheduled_message WHERE booking_id = $1 AND state = 'cancelled'`,
      [ids.bookingId],
      2,
    );
    await kit.clearInbox();
    clock = new Date(Date.parse(slot.startsAt) - DAY);
    await reminders().runOnce();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await kit.inbox(people.member)).toEqual([]);
  });

  it('sends the session reminder with the slot in French, and skips a reminder whose deadline passed while nobody ran', async () => {
    const { ids, people, slot } = await requested();
    await booking().publish('booking.confirmed', { ...slot, priceCents: 0, paymentId: null });
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.scheduled_message WHERE booking_id = $1 AND kind = 'session_reminder'`,
      [ids.bookingId],
      1,
    );
    await kit.messagesTo(people.member, 1);
    await kit.clearInbox();
    clock = new Date(Date.parse(slot.startsAt) - 36 * HOUR);
    await reminders().runOnce();
    const [message] = await kit.messagesTo(people.member, 1);
    expect(message?.subject).toMatch(new RegExp(`^Rappel${NB}: votre réservation `));
    expect(message?.text).toContain('Votre réservation approche.');

    // Another one, found only after its session began: skipped, never sent.
    const late = await requested();
    await booking().publish('booking.confirmed', { ...late.slot, priceCents: 0, paymentId: null });
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.scheduled_message WHERE booking_id = $1 AND kind = 'session_reminder'`,
      [late.ids.bookingId],
      1,
    );
    await kit.messagesTo(late.people.member, 1);
    await kit.clearInbox();
    clock = new Date(Date.parse(late.slot.startsAt) + HOUR);
    await reminders().runOnce();
    expect((await states(late.ids.bookingId))['session_reminder']).toBe('skipped');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await kit.inbox(late.people.member)).toEqual([]);
  });

  it('shares due reminders between two replicas without writing any twice', async () => {
    const establishmentId = randomUUID();
    const organisationId = randomUUID();
    await kit.addRecipient('organisation', organisationId, `bulk.${organisationId.slice(0, 8)}@example.test`);
    const count = 40;
    const due = new Date(clock.getTime() - HOUR);
    for (let i = 0; i < count; i++) {
      const bookingId = randomUUID();
      await kit.dataSource.query(
        `INSERT INTO notification.booking_fact (booking_id, establishment_id, organisation_id, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          bookingId,
          establishmentId,
          organisationId,
          new Date(clock.getTime() + DAY),
          new Date(clock.getTime() + DAY + HOUR),
        ],
      );
      await kit.dataSource.query(
        `INSERT INTO notification.scheduled_message (kind, booking_id, dedupe_key, due_at, expires_at, planned)
         VALUES ('session_reminder', $1, $2, $3, $4, '{"template":"session_reminder","audience":"organisation"}')`,
        [bookingId, `booking:${bookingId}`, due, new Date(clock.getTime() + DAY)],
      );
    }
    const second = createDataSource({ url: kit.databaseUrl, schema: 'notification', migrations: [] });
    await second.initialize();
    try {
      const logger = createLogger({ service: 'notification', level: 'silent' });
      const options = { batchSize: 5, now: () => clock };
      const [a, b] = await Promise.all([
        new ReminderWorker(kit.dataSource, settings, options, logger).runOnce(),
        new ReminderWorker(second, settings, options, logger).runOnce(),
      ]);
      // Each reminder claimed by exactly one of them: a reminder taken twice would count twice.
      expect(a + b).toBe(count);
      const [{ done, messages }] = (await kit.dataSource.query(
        `SELECT (SELECT count(*)::int FROM notification.scheduled_message s JOIN notification.booking_fact f USING (booking_id)
                  WHERE f.organisation_id = $1 AND s.state = 'done') AS done,
                (SELECT count(*)::int FROM notification.message m JOIN notification.booking_fact f USING (booking_id)
                  WHERE f.organisation_id = $1) AS messages`,
        [organisationId],
      )) as [{ done: number; messages: number }];
      expect(done).toBe(count);
      expect(messages).toBe(count);
    } finally {
      await second.destroy();
    }
  });
});
