import { randomUUID } from 'node:crypto';
import { NotificationTestKit } from './notification-test-kit';

describe('delivery: exactly once per (event, recipient, channel), nothing lost', () => {
  let kit: NotificationTestKit;
  beforeAll(async () => {
    // A lease far longer than a send, as in production: a short one runs out under a loaded machine while the
    // message is still being sent, and the second sender of the burst test takes it again. The dead sender's
    // test writes its own lease, already about to run out.
    kit = await NotificationTestKit.start('notif-delivery', {
      env: { NOTIFICATION_SEND_LEASE_MS: '60000', NOTIFICATION_MAX_ATTEMPTS: '30' },
    });
  }, 60_000);
  afterAll(() => kit?.stop());
  // A failed test leaves SMTP working for the next one.
  afterEach(async () => {
    kit.smtp?.restore();
    await kit.smtpFault(null);
  });

  const booking = () => {
    if (!kit.booking) throw new Error('no booking stand-in');
    return kit.booking;
  };

  /** A requested booking whose organisation has one member, and the event id. */
  const request = () => kit.requestForNewMember('member');

  async function rowsOf(recipient: string) {
    return (await kit.sendLog()).filter((row) => row.recipient === recipient);
  }

  it('sends a redelivered event’s message once, even when the inbox no longer remembers the event', async () => {
    const { eventId, member } = await request();
    expect(await kit.messagesTo(member, 1)).toHaveLength(1);
    // The relay publishes it again (a crash between XADD and marking), once with the inbox row and once after it was pruned.
    await booking().republish(eventId);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await kit.dataSource.query(`DELETE FROM notification.event_inbox WHERE event_id = $1`, [eventId]);
    await booking().republish(eventId);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const [{ handled }] = (await kit.dataSource.query(
      `SELECT count(*)::int AS handled FROM notification.event_inbox WHERE event_id = $1`,
      [eventId],
    )) as [{ handled: number }];
    expect(handled).toBe(1);
    expect(await kit.messagesTo(member, 2, 1_000)).toHaveLength(1);
    expect(await rowsOf(member)).toMatchObject([{ status: 'sent', attempts: 1 }]);
  });

  it('keeps the messages while SMTP is down, retries with backoff, and delivers each once when it is back', async () => {
    const smtp = kit.smtp;
    if (!smtp) throw new Error('no SMTP proxy');
    smtp.cut();
    const requests = await Promise.all([request(), request(), request()]);
    const deadline = Date.now() + 10_000;
    // Each has been tried and refused at least twice.
    while (Date.now() < deadline) {
      const rows = (await Promise.all(requests.map((r) => rowsOf(r.member)))).flat();
      if (rows.length === 3 && rows.every((row) => row.attempts >= 2)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const waiting = (await Promise.all(requests.map((r) => rowsOf(r.member)))).flat();
    smtp.restore();
    // Waiting for their next attempt (or in the middle of one), never given up.
    expect(waiting.map((row) => row.status).every((status) => status === 'pending' || status === 'sending')).toBe(true);
    expect(
      waiting.every(
        (row) => row.attempts >= 2 && /ECONNRESET|ECONNREFUSED|closed|Greeting|Connection/i.test(row.lastError ?? ''),
      ),
    ).toBe(true);
    await kit.settled();
    for (const { member } of requests) {
      expect(await kit.messagesTo(member, 1)).toHaveLength(1);
      expect(await rowsOf(member)).toMatchObject([{ status: 'sent', lastError: null }]);
    }
  });

  it('retries a temporary SMTP refusal (451) and records a permanent one (550) as failed at once, with the answer', async () => {
    await kit.smtpFault(451);
    const temporary = await request();
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && !(await rowsOf(temporary.member)).some((row) => row.attempts >= 2))
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await rowsOf(temporary.member))[0]).toMatchObject({
      status: expect.stringMatching(/^(pending|sending)$/),
      lastError: expect.stringContaining('SMTP 451'),
    });
    await kit.smtpFault(null);
    await kit.settled();
    expect(await kit.messagesTo(temporary.member, 1)).toHaveLength(1);
    expect((await rowsOf(temporary.member))[0]).toMatchObject({ status: 'sent', lastError: null });

    await kit.smtpFault(550);
    const permanent = await request();
    const until = Date.now() + 5_000;
    while (Date.now() < until && (await rowsOf(permanent.member))[0]?.status !== 'failed')
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await rowsOf(permanent.member))[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: expect.stringContaining('SMTP 550'),
    });
    await kit.smtpFault(null);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await kit.inbox(permanent.member)).toEqual([]);
    // What an operator sees: the refusals counted by outcome, nothing left waiting, and how long delivery took.
    const metrics = await (await fetch(`${kit.running.metricsUrl}/metrics`)).text();
    const count = (outcome: string) =>
      Number(
        new RegExp(`^notification_send_attempts_total\\{outcome="${outcome}"[^}]*\\} (\\d+)$`, 'm').exec(
          metrics,
        )?.[1] ?? 0,
      );
    expect(count('failed')).toBeGreaterThanOrEqual(1);
    expect(count('retry')).toBeGreaterThanOrEqual(1);
    expect(count('sent')).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/^notification_messages_waiting\{status="pending"[^}]*\} 0$/m);
    expect(metrics).toMatch(/^notification_delivery_seconds_count\{[^}]*\} [1-9]\d*$/m);
  });

  it('sends a message claimed by a sender that died once its lease ran out, once', async () => {
    const { member, bookingId } = await request();
    await kit.messagesTo(member, 1);
    // Another message of that booking, claimed by a replica that was killed before settling it.
    const id = randomUUID();
    await kit.dataSource.query(
      `INSERT INTO notification.message (event_id, event_type, occurred_at, booking_id, recipient, channel, template, subject, body_text, body_html, status, attempts, lease_until)
       VALUES ($1, 'booking.approved', now(), $2, $3, 'email', 'approved_to_pay', 'Demande acceptée', 'Texte', '<p>Texte</p>', 'sending', 1, now() + interval '1 second')`,
      [id, bookingId, member],
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await kit.inbox(member)).toHaveLength(1);
    await kit.settled();
    const messages = await kit.messagesTo(member, 2);
    expect(messages.map((message) => message.subject)).toEqual([
      expect.stringContaining('Demande de réservation reçue'),
      'Demande acceptée',
    ]);
    expect((await rowsOf(member)).find((row) => row.template === 'approved_to_pay')).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
  });

  it('shares a backlog between two senders (replicas) starting together, without sending any message twice', async () => {
    const parts = kit.parts;
    if (!parts) throw new Error('kit not started');
    // The service's own sender stops (the last test of this file), so that the burst waits in the send log; then
    // two replicas' senders start at the same moment. Each claims its first window at once (SKIP LOCKED), so both
    // take part whatever the machine's load; a sender already running would take a burst alone on a fast machine.
    await parts.delivery.stop();
    const replica = (from: string) => kit.replicaSender(from, { pollMs: 50, batchSize: 10, maxConnections: 3 });
    const first = replica('Réplique A <a@example.test>');
    const second = replica('Réplique B <b@example.test>');
    try {
      await kit.clearInbox();
      const requests = await Promise.all(Array.from({ length: 40 }, () => request()));
      const members = new Set(requests.map((r) => r.member));
      const logged = async () => (await kit.sendLog()).filter((row) => members.has(row.recipient));
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (await logged()).length < 40)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await logged()).map((row) => row.status)).toEqual(Array.from({ length: 40 }, () => 'pending'));
      first.start();
      second.start();
      await kit.settled();
      const inbox = await kit.inbox();
      expect(inbox).toHaveLength(40);
      expect(new Set(inbox.map((message) => message.messageId)).size).toBe(40);
      // Both took part (each signs with its own sender address).
      expect(new Set(inbox.map((message) => message.envelope.from))).toEqual(
        new Set(['a@example.test', 'b@example.test']),
      );
      expect(new Set(inbox.flatMap((message) => message.envelope.to))).toEqual(members);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});
