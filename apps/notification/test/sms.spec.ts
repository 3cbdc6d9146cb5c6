import { randomUUID } from 'node:crypto';
import type { BookingMessages, FailedMessages } from '@salle/contracts';
import { SANDBOX_OVH_REPORT_KEY } from '../src/config';
import { recordAccountPhone } from '../src/recipients/recipient-directory';
import { NotificationTestKit } from './notification-test-kit';

interface SmsRow {
  template: string;
  recipient: string;
  status: string;
  attempts: number;
  lastError: string | null;
  providerResponse: string | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
}

describe('SMS through OVHcloud’s protocol, received by the real sms-sandbox', () => {
  let kit: NotificationTestKit;
  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-sms', { env: { NOTIFICATION_MAX_ATTEMPTS: '30' } });
  }, 60_000);
  afterAll(() => kit?.stop());
  beforeEach(() => {
    // 11:00 in Paris: outside the quiet hours.
    kit.now = new Date('2030-12-09T10:00:00Z');
  });
  afterEach(async () => {
    await kit.smsFault(null);
    await kit.smsReports(null);
  });

  const booking = () => {
    if (!kit.booking) throw new Error('no booking stand-in');
    return kit.booking;
  };

  /** A fresh mobile number, so that each test reads its own SMS. */
  let counter = 0;
  const mobile = () => `+3361${String(Date.now() % 1_000_000).padStart(6, '0')}${counter++ % 10}`;

  async function party(phone: { number: string; smsConsent: boolean } | null) {
    const ids = {
      bookingId: randomUUID(),
      establishmentId: randomUUID(),
      organisationId: randomUUID(),
      spaceId: randomUUID(),
    };
    const email = `angela.${ids.bookingId.slice(0, 8)}@example.test`;
    await kit.addRecipient('organisation', ids.organisationId, email, 'Angela Dubois', phone);
    return { ids, email };
  }

  async function approve(ids: { bookingId: string }, startsAt = '2026-03-03T18:00:00.000Z') {
    const slot = { ...ids, startsAt, endsAt: new Date(Date.parse(startsAt) + 9_000_000).toISOString() };
    await booking().publish('booking.requested', {
      ...(slot as typeof slot & { establishmentId: string; organisationId: string; spaceId: string }),
      seriesId: null,
      priceCents: 4500,
      decisionDueAt: '2026-02-20T12:00:00.000Z',
    });
    await booking().publish('booking.approved', {
      ...(slot as typeof slot & { establishmentId: string; organisationId: string; spaceId: string }),
      priceCents: 4500,
      paymentDueAt: '2026-02-24T22:59:00.000Z',
      labels: {
        organisationName: 'Basket Club de Crolles',
        establishmentName: 'Collège Vaussenat',
        spaceName: 'Gymnase',
      },
    });
  }

  async function smsRows(recipient: string, until: (rows: SmsRow[]) => boolean = () => true): Promise<SmsRow[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      // Messages planned in one consumer transaction share their created_at: the template breaks the tie.
      const rows = (await kit.dataSource.query(
        `SELECT template, recipient, status, attempts, last_error AS "lastError", provider_response AS "providerResponse",
                next_attempt_at AS "nextAttemptAt", delivered_at AS "deliveredAt"
           FROM notification.message WHERE channel = 'sms' AND recipient = $1 ORDER BY created_at, template`,
        [recipient],
      )) as SmsRow[];
      if (until(rows) || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('texts the approval to a contact who gave a mobile number and agreed, besides the e-mail, and only the messages that matter', async () => {
    const number = mobile();
    const { ids, email } = await party({ number, smsConsent: true });
    await approve(ids);
    await kit.messagesTo(email, 2);
    const rows = await smsRows(number, (r) => r.some((row) => row.status === 'sent'));
    // The request received waits for the e-mail; the approval, with its deadline, does not.
    expect(rows).toMatchObject([{ template: 'approved_to_pay', status: 'sent', attempts: 1, lastError: null }]);
    expect(rows[0]?.providerResponse).toMatch(/^OVH job \d+, 1 credit\(s\)$/);
    expect(await kit.smsInbox(number)).toMatchObject([
      {
        sender: 'Isere',
        noStopClause: true,
        encoding: 'gsm7',
        segments: 1,
        message:
          'Réservation acceptée : 3 mars, 19 h (Gymnase). Payez 45,00 € avant le 24 février à 23 h 59, sinon elle sera annulée. Détails par courriel.',
      },
    ]);
  });

  it('texts the session reminder when it falls due, besides its e-mail', async () => {
    const number = mobile();
    const { ids, email } = await party({ number, smsConsent: true });
    await approve(ids);
    await smsRows(number, (r) => r.some((row) => row.status === 'sent'));
    const now = kit.now ?? new Date();
    await kit.dataSource.query(
      `INSERT INTO notification.scheduled_message (kind, booking_id, dedupe_key, due_at, expires_at, planned)
       VALUES ('session_reminder', $1, $2, $3, $4, '{"template":"session_reminder","audience":"organisation"}')`,
      [
        ids.bookingId,
        `booking:${ids.bookingId}`,
        new Date(now.getTime() - 60_000),
        new Date(now.getTime() + 86_400_000),
      ],
    );
    expect(await kit.parts?.reminders.runOnce()).toBe(1);
    const rows = await smsRows(number, (r) => r.filter((row) => row.status === 'sent').length === 2);
    expect(rows.map((row) => [row.template, row.status])).toEqual([
      ['approved_to_pay', 'sent'],
      ['session_reminder', 'sent'],
    ]);
    expect((await kit.smsInbox(number)).at(-1)).toMatchObject({
      encoding: 'gsm7',
      segments: 1,
      message: "Rappel : votre réservation du 3 mars, 19 h (Gymnase). En cas d'empechement, annulez-la sur le site.",
    });
    await kit.messagesTo(email, 3);
  });

  it('texts the payment reminder to the organisation and the decision reminder to the collège when they fall due', async () => {
    const number = mobile();
    const { ids, email } = await party({ number, smsConsent: true });
    const managerNumber = mobile();
    const managerEmail = `gestion.${ids.bookingId.slice(0, 8)}@example.test`;
    await kit.addRecipient('establishment', ids.establishmentId, managerEmail, 'Gestion', {
      number: managerNumber,
      smsConsent: true,
    });
    await approve(ids);
    await smsRows(number, (r) => r.some((row) => row.status === 'sent'));
    const now = kit.now ?? new Date();
    const reminder = (kind: string, planned: object) =>
      kit.dataSource.query(
        `INSERT INTO notification.scheduled_message (kind, booking_id, dedupe_key, due_at, expires_at, planned)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          kind,
          ids.bookingId,
          `booking:${ids.bookingId}`,
          new Date(now.getTime() - 60_000),
          new Date(now.getTime() + 86_400_000),
          JSON.stringify(planned),
        ],
      );
    await reminder('payment_reminder', {
      template: 'payment_reminder',
      audience: 'organisation',
      amountCents: 4500,
      payBy: '2026-02-24T22:59:00.000Z',
    });
    await reminder('decision_reminder', {
      template: 'decision_reminder',
      audience: 'establishment',
      decideBy: '2026-02-20T12:00:00.000Z',
    });
    expect(await kit.parts?.reminders.runOnce()).toBe(2);
    const rows = await smsRows(number, (r) => r.filter((row) => row.status === 'sent').length === 2);
    expect(rows.map((row) => [row.template, row.status])).toEqual([
      ['approved_to_pay', 'sent'],
      ['payment_reminder', 'sent'],
    ]);
    expect((await kit.smsInbox(number)).at(-1)).toMatchObject({
      encoding: 'gsm7',
      segments: 1,
      message:
        'Rappel : payez 45,00 € avant le 24 février à 23 h 59 votre réservation du 3 mars, 19 h (Gymnase), sinon elle sera annulée. Détails par courriel.',
    });
    expect(await smsRows(managerNumber, (r) => r.some((row) => row.status === 'sent'))).toMatchObject([
      { template: 'decision_reminder', status: 'sent' },
    ]);
    expect(await kit.smsInbox(managerNumber)).toMatchObject([
      {
        encoding: 'gsm7',
        segments: 1,
        message:
          'Rappel : une demande de réservation du 3 mars, 19 h (Gymnase) attend votre décision avant le 20 février à 13 h, sinon elle expirera. Détails par courriel.',
      },
    ]);
    // Each e-mail too: the request received and the approval, then the payment reminder; the new request, then the reminder.
    await kit.messagesTo(email, 3);
    await kit.messagesTo(managerEmail, 2);
  });

  it('texts nobody who did not agree, gave a landline, or gave no number; a member who did is texted without a known e-mail', async () => {
    const [refuses, landline] = [mobile(), '+33476000000'];
    const { ids, email } = await party({ number: refuses, smsConsent: false });
    await kit.addRecipient('organisation', ids.organisationId, `fixe.${ids.bookingId.slice(0, 8)}@example.test`, null, {
      number: landline,
      smsConsent: true,
    });
    const member = randomUUID();
    const memberNumber = mobile();
    await kit.dataSource.transaction((manager) =>
      recordAccountPhone(manager, member, { number: memberNumber, smsConsent: true }),
    );
    await booking().publish('organisation.membership_changed', {
      organisationId: ids.organisationId,
      accountId: member,
      change: 'joined',
    });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const [row] = (await kit.dataSource.query(
        `SELECT count(*)::int AS n FROM notification.organisation_member WHERE account_id = $1`,
        [member],
      )) as { n: number }[];
      if (row?.n === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await approve(ids);
    await kit.messagesTo(email, 2);
    expect(await smsRows(memberNumber, (r) => r.some((row) => row.status === 'sent'))).toMatchObject([
      { template: 'approved_to_pay', status: 'sent' },
    ]);
    expect(await kit.smsInbox(memberNumber)).toHaveLength(1);
    expect(await smsRows(refuses)).toEqual([]);
    expect(await smsRows(landline)).toEqual([]);
    expect(await kit.smsInbox(refuses)).toEqual([]);
  });

  it('holds an SMS planned at night until 08:00 Paris time, but texts at once the cancellation of a session of today', async () => {
    kit.now = new Date('2030-12-09T21:30:00Z'); // 22:30 in Paris, in a future the real clock does not reach
    const held = mobile();
    const night = await party({ number: held, smsConsent: true });
    await approve(night.ids);
    await kit.messagesTo(night.email, 2);
    const [row] = await smsRows(held, (r) => r.length > 0);
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(row?.nextAttemptAt).toEqual(new Date('2030-12-10T07:00:00Z'));

    const urgent = mobile();
    const today = await party({ number: urgent, smsConsent: true });
    // The session is tonight at 23:30 Paris time, and the collège cancels it.
    await approve(today.ids, '2030-12-09T22:30:00.000Z');
    await booking().publish('booking.cancelled', {
      ...today.ids,
      cancelledBy: 'establishment',
      refundPercent: 100,
      priceCents: 4500,
      reason: 'Fermeture exceptionnelle.',
      cancelledFrom: 'awaiting_payment',
    });
    const rows = await smsRows(urgent, (r) => r.some((one) => one.status === 'sent'));
    expect(rows.map((one) => [one.template, one.status])).toEqual([
      ['approved_to_pay', 'pending'],
      ['cancelled_by_establishment', 'sent'],
    ]);
    expect((await kit.smsInbox(urgent)).map((sms) => sms.message)).toEqual([
      'Annulation : le collège a annulé votre réservation du 9 décembre, 23 h 30 (Gymnase). Détails par courriel.',
    ]);
  });

  it('holds a retry that would fall after 20:00 until 08:00, but retries at once the cancellation of a session of today', async () => {
    await kit.smsFault(503);
    kit.now = new Date('2030-12-09T18:59:59.900Z'); // 19:59:59.9 in Paris: planned in the day, retried at night
    const held = mobile();
    const evening = await party({ number: held, smsConsent: true });
    await approve(evening.ids);
    const [row] = await smsRows(held, (r) => r[0]?.attempts === 1 && r[0]?.status === 'pending');
    expect(row).toMatchObject({ template: 'approved_to_pay', status: 'pending', attempts: 1 });
    expect(row?.lastError).toMatch(/^OVH 503/);
    expect(row?.nextAttemptAt).toEqual(new Date('2030-12-10T07:00:00Z'));

    const urgent = mobile();
    const tonight = await party({ number: urgent, smsConsent: true });
    await approve(tonight.ids, '2030-12-09T22:30:00.000Z'); // 23:30 in Paris, the same evening
    await booking().publish('booking.cancelled', {
      ...tonight.ids,
      cancelledBy: 'establishment',
      refundPercent: 100,
      priceCents: 4500,
      reason: 'Fermeture exceptionnelle.',
      cancelledFrom: 'awaiting_payment',
    });
    // Retried in the night, since held it would come after the session.
    // Waits for a moment between two attempts: while one is under way the row reads 'sending'.
    const retried = await smsRows(urgent, (r) =>
      r.some((one) => one.template === 'cancelled_by_establishment' && one.attempts >= 2 && one.status === 'pending'),
    );
    const cancellation = retried.find((one) => one.template === 'cancelled_by_establishment');
    expect(cancellation?.nextAttemptAt?.getTime()).toBeLessThan(new Date('2030-12-10T07:00:00Z').getTime());
    await kit.smsFault(null);
    const rows = await smsRows(urgent, (r) => r.some((one) => one.status === 'sent'));
    expect(rows.map((one) => [one.template, one.status])).toEqual([
      ['approved_to_pay', 'pending'],
      ['cancelled_by_establishment', 'sent'],
    ]);
    expect(await kit.smsInbox(urgent)).toHaveLength(1);
    // The approval's SMS still waits for the morning.
    expect((await smsRows(held))[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await kit.smsInbox(held)).toEqual([]);
  });

  it('retries while OVHcloud is unavailable and sends once when it is back; fails at once on a refusal, keeping its answer', async () => {
    await kit.smsFault(503);
    const number = mobile();
    const first = await party({ number, smsConsent: true });
    await approve(first.ids);
    expect(await smsRows(number, (r) => (r[0]?.attempts ?? 0) >= 2 && r[0]?.status === 'pending')).toMatchObject([
      { status: 'pending', lastError: 'OVH 503: SANDBOX_FAULT Sandbox refuses the job (fault 503)' },
    ]);
    await kit.smsFault(null);
    expect(await smsRows(number, (r) => r[0]?.status === 'sent')).toMatchObject([{ status: 'sent' }]);
    expect(await kit.smsInbox(number)).toHaveLength(1);

    await kit.smsFault(400);
    const refused = mobile();
    const second = await party({ number: refused, smsConsent: true });
    await approve(second.ids);
    expect(await smsRows(refused, (r) => r[0]?.status === 'failed')).toMatchObject([
      { status: 'failed', attempts: 1, lastError: 'OVH 400: SANDBOX_FAULT Sandbox refuses the job (fault 400)' },
    ]);
    expect(await kit.smsInbox(refused)).toEqual([]);
  });

  it('records OVHcloud’s delivery reports: delivered keeps the time, not delivered fails the SMS for the admins', async () => {
    const [reached, unreachable] = [mobile(), mobile()];
    await kit.smsReports(SANDBOX_OVH_REPORT_KEY, [unreachable]);
    const { ids, email } = await party({ number: reached, smsConsent: true });
    const switchedOff = `eteint.${ids.bookingId.slice(0, 8)}@example.test`;
    await kit.addRecipient('organisation', ids.organisationId, switchedOff, null, {
      number: unreachable,
      smsConsent: true,
    });
    await approve(ids);
    await kit.messagesTo(email, 2);
    const [delivered] = await smsRows(reached, (r) => r[0]?.deliveredAt != null);
    expect(delivered).toMatchObject({ template: 'approved_to_pay', status: 'sent', lastError: null });
    expect(delivered?.deliveredAt).toBeInstanceOf(Date);
    const [lost] = await smsRows(unreachable, (r) => r[0]?.status === 'failed');
    expect(lost).toMatchObject({
      status: 'failed',
      deliveredAt: null,
      lastError: 'OVH delivery report 2: Message not delivered: handset unreachable',
    });
    // Among the messages that reached nobody, for the admins.
    const admin = {
      accountId: randomUUID(),
      provider: 'proconnect' as const,
      displayName: 'Nathalie Roux',
      roles: ['department_admin' as const],
    };
    const failed = await kit.get<FailedMessages>('/admin/failed-messages', admin);
    expect(failed.body.items.find((item) => item.bookingId === ids.bookingId && item.channel === 'sms')).toMatchObject({
      kind: 'approved_to_pay',
      status: 'failed',
      reason: 'OVH delivery report 2: Message not delivered: handset unreachable',
    });
    // Both e-mails settled as sent (the sandbox may show one a moment before it is written as sent).
    await kit.until(
      `SELECT count(*)::int AS n FROM notification.message
        WHERE booking_id = $1 AND template = 'approved_to_pay' AND channel = 'email' AND status = 'sent'`,
      [ids.bookingId],
      2,
    );
    // The booking's parties see the delivered SMS as such (« Remis »), the lost one as failed, the e-mails as sent.
    const member = { accountId: randomUUID(), provider: 'franceconnect' as const, displayName: 'Angela', roles: [] };
    const listed = await kit.get<BookingMessages>(`/bookings/${ids.bookingId}/messages`, member, {
      organisations: [ids.organisationId],
    });
    const approvals = listed.body.items.filter((item) => item.kind === 'approved_to_pay');
    expect(approvals.map((item) => [item.channel, item.status]).sort()).toEqual([
      ['email', 'sent'],
      ['email', 'sent'],
      ['sms', 'delivered'],
      ['sms', 'failed'],
    ]);
    const deliveredItem = approvals.find((item) => item.status === 'delivered');
    expect(deliveredItem?.at).toBe(delivered?.deliveredAt?.toISOString());
    // The sandbox was answered 200 for both reports.
    expect((await kit.smsInbox(unreachable))[0]?.deliveryReport).toMatchObject({ dlr: 2, callbackStatus: 200 });
    expect((await kit.smsInbox(reached))[0]?.deliveryReport).toMatchObject({ dlr: 1, callbackStatus: 200 });
  });

  it('refuses a delivery report without the callback’s key, or with a bad id, and changes nothing', async () => {
    const number = mobile();
    const { ids, email } = await party({ number, smsConsent: true });
    await approve(ids);
    await kit.messagesTo(email, 2);
    const [row] = await smsRows(number, (r) => r[0]?.status === 'sent');
    const smsId = /^OVH job (\d+),/.exec(row?.providerResponse ?? '')?.[1] ?? '';
    expect(smsId).not.toBe('');
    const report = (key: string, query: string) => fetch(`${kit.running.url}/sms/delivery-reports/${key}?${query}`);
    const forged = await report('not-the-key-of-this-deployment-000000', `id=${smsId}&dlr=2`);
    expect(forged.status).toBe(404);
    expect(await forged.json()).toMatchObject({ code: 'sms_report_key_invalid' });
    expect((await report(SANDBOX_OVH_REPORT_KEY, 'id=abc&dlr=2')).status).toBe(400);
    expect((await report(SANDBOX_OVH_REPORT_KEY, `id=${smsId}`)).status).toBe(400);
    // An intermediate report (4: buffered) changes nothing either; a report about no SMS of ours is answered 200.
    expect(await (await report(SANDBOX_OVH_REPORT_KEY, `id=${smsId}&dlr=4`)).json()).toEqual({ recorded: false });
    expect(await (await report(SANDBOX_OVH_REPORT_KEY, 'id=1&dlr=1')).json()).toEqual({ recorded: false });
    expect((await smsRows(number))[0]).toMatchObject({ status: 'sent', deliveredAt: null });
    // The real one is recorded once; repeated, it changes nothing.
    expect(await (await report(SANDBOX_OVH_REPORT_KEY, `id=${smsId}&dlr=1`)).json()).toEqual({ recorded: true });
    expect(await (await report(SANDBOX_OVH_REPORT_KEY, `id=${smsId}&dlr=2`)).json()).toEqual({ recorded: false });
    expect((await smsRows(number))[0]).toMatchObject({ status: 'sent', lastError: null });
  });
});
