import { randomUUID } from 'node:crypto';
import { freePort, startBundledApp, waitForPort, type BundledApp } from '@salle/testing';
import { payfipRefdet } from '../src/provider/payfip/payfip-fields';
import { pdfText } from './pdf-text';
import type { AuditPage, PaymentPersonalData, ServiceErasureReport } from '@salle/contracts';
import { agent, member, PaymentTestKit } from './payment-test-kit';

/**
 * A collège configured for PayFiP, paid through the payfip-sandbox process (the real SOAP protocol, the
 * French payment page, notifications and a simulated clock) while the other collèges stay on Stripe.
 */
describe('PayFiP payments through the payfip-sandbox', () => {
  const college = randomUUID();
  const numcli = '123456';
  let kit: PaymentTestKit;
  let payfip: BundledApp;
  let payfipUrl: string;
  let offsetMs = 0;

  beforeAll(async () => {
    const port = await freePort();
    payfipUrl = `http://127.0.0.1:${port}`;
    payfip = await startBundledApp('payfip-sandbox', {
      PAYFIP_SANDBOX_PORT: String(port),
      PAYFIP_SANDBOX_CLIENTS: `${numcli}=COLLEGE JEAN MOULIN`,
      PAYFIP_SANDBOX_DEBIT_SETTLEMENT_DAYS: '3',
      LOG_LEVEL: 'silent',
    });
    await waitForPort('127.0.0.1', port, 20_000);
    kit = await PaymentTestKit.start('pay-payfip', {
      feeBasisPoints: 1_000,
      now: () => new Date(Date.now() + offsetMs),
      paymentEnv: ({ payment }) => ({
        PAYMENT_ESTABLISHMENT_PROVIDERS: `${college}=payfip:${numcli}`,
        PAYFIP_URL: payfipUrl,
        PAYFIP_SAISIE: 'T',
        PAYFIP_TIMEOUT_MS: '1500',
        PAYFIP_NOTIFICATION_URL: `http://127.0.0.1:${payment}/webhooks/payfip`,
        PAYFIP_CATCH_UP_INTERVAL_MS: '3600000',
      }),
    });
  }, 90_000);
  afterAll(async () => {
    await kit?.stop();
    await payfip?.stop();
  });
  afterEach(async () => {
    offsetMs = 0;
    await fetch(`${payfipUrl}/_sandbox/faults`, { method: 'DELETE' });
    await fetch(`${payfipUrl}/_sandbox/notifications`, { method: 'DELETE' });
  });

  async function control(path: string, body?: unknown, method = 'POST'): Promise<Response> {
    return fetch(`${payfipUrl}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function openCheckout(priceCents = 10_000) {
    const booking = await kit.approvedBooking(college, priceCents, randomUUID(), {
      labels: { organisationName: 'Club de judo', establishmentName: 'Collège Jean-Moulin', spaceName: 'Gymnase' },
    });
    const payer = kit.as(booking.payer, { organisations: [booking.organisationId] });
    const opened = await payer.post<{ paymentId: string; checkoutUrl: string; amountCents: number }>(
      `/bookings/${booking.bookingId}/checkout`,
      { payerEmail: 'tresorier@judo.example' },
    );
    expect(opened.status).toBe(201);
    const idOp = new URL(opened.body.checkoutUrl).searchParams.get('idop') ?? '';
    return { ...booking, payer, idOp, paymentId: opened.body.paymentId, checkoutUrl: opened.body.checkoutUrl };
  }

  /** What the payer does on PayFiP's page: a choice, then back to our return URL. */
  async function choose(idOp: string, choice: string): Promise<Response> {
    return fetch(`${payfipUrl}/tpa/paiementws.web`, {
      method: 'POST',
      body: new URLSearchParams({ idop: idOp, choix: choice }),
      redirect: 'manual',
    });
  }

  const paymentStatus = async (paymentId: string) =>
    (await kit.sql<{ status: string }>(`SELECT status FROM payment.payment WHERE id = $1`, [paymentId]))[0]?.status;

  const waitForStatus = (paymentId: string, status: string, timeoutMs = 10_000) =>
    kit.waitFor(async () => (await paymentStatus(paymentId)) === status, `payment ${paymentId} ${status}`, timeoutMs);

  const notifications = (idOp: string) =>
    kit.sql<{ outcome: string }>(`SELECT outcome FROM payment.payfip_notification WHERE id_op = $1 ORDER BY id`, [
      idOp,
    ]);

  it('asks for the payer’s e-mail, refuses another organisation, and opens PayFiP’s page without the département’s fee', async () => {
    const booking = await kit.approvedBooking(college, 4_500);
    const payer = kit.as(booking.payer, { organisations: [booking.organisationId] });
    const missing = await payer.post<{ code: string; title: string }>(`/bookings/${booking.bookingId}/checkout`);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('payer_email_required');
    expect(missing.body.title).toContain('PayFiP');
    const malformed = await payer.post(`/bookings/${booking.bookingId}/checkout`, { payerEmail: 'pas-une-adresse' });
    expect(malformed.status).toBe(400);
    const stranger = await kit
      .as(booking.payer, { organisations: [randomUUID()] })
      .post<{ code: string }>(`/bookings/${booking.bookingId}/checkout`, { payerEmail: 'autre@asso.example' });
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('booking_not_payable');

    const opened = await payer.post<{ checkoutUrl: string; paymentId: string }>(
      `/bookings/${booking.bookingId}/checkout`,
      { payerEmail: 'tresorier@judo.example' },
    );
    expect(opened.status).toBe(201);
    expect(opened.body.checkoutUrl).toMatch(new RegExp(`^${payfipUrl}/tpa/paiementws\\.web\\?idop=[0-9a-f-]{36}$`));
    const [row] = await kit.sql(
      `SELECT provider, destination_account_id AS creditor, application_fee_cents::int AS fee, status FROM payment.payment WHERE id = $1`,
      [opened.body.paymentId],
    );
    expect(row).toEqual({ provider: 'payfip', creditor: numcli, fee: 0, status: 'open' });
    const operations = (await (await control('/operations', undefined, 'GET')).json()) as {
      items: { idOp: string; refdet: string; montant: string; saisie: string; numcli: string }[];
    };
    const operation = operations.items.find((item) => opened.body.checkoutUrl.endsWith(item.idOp));
    expect(operation).toMatchObject({ montant: '4500', saisie: 'T', numcli });
    expect(operation?.refdet).toMatch(/^SSD[0-9A-F]{27}$/);
    const page = await (await fetch(opened.body.checkoutUrl)).text();
    expect(page).toContain('45,00');
    expect(page).toContain('COLLEGE JEAN MOULIN');
  });

  it('confirms a card payment on the notification, after reading it back, with a treasurer-grade receipt; a replay changes nothing', async () => {
    const { idOp, paymentId, bookingId, payer } = await openCheckout(10_000);
    const back = await choose(idOp, 'card');
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toMatch(
      new RegExp(`/reservations/${bookingId}/paiement/confirme\\?idop=${idOp}$`),
    );

    await waitForStatus(paymentId, 'succeeded');
    // The notification is recorded once its read-back committed.
    await kit.waitFor(async () => (await notifications(idOp)).length > 0, 'the notification to be recorded');
    expect(await notifications(idOp)).toEqual([{ outcome: 'read_back' }]);
    const [succeeded] = (await kit.paymentEvents('payment.succeeded')).filter(
      (event) => event.payload['paymentId'] === paymentId,
    );
    expect(succeeded?.payload).toMatchObject({ bookingId, establishmentId: college, amountCents: 10_000 });
    expect(await kit.ledger(bookingId)).toEqual([{ party: 'establishment', entryType: 'charge', amountCents: 10_000 }]);
    const [paid] = await kit.sql(
      `SELECT payment_reference AS reference, charge_id AS "chargeId", receipt_number IS NOT NULL AS receipt FROM payment.payment WHERE id = $1`,
      [paymentId],
    );
    expect(paid).toEqual({ reference: expect.stringMatching(/-tip$/), chargeId: idOp, receipt: true });

    const receipt = await payer.get(`/bookings/${bookingId}/receipt.pdf`);
    expect(receipt.status).toBe(200);
    // Each label and its value are drawn as two runs: joined again, on plain spaces.
    const text = pdfText(receipt.raw)
      .replace(/\u00a0/g, ' ')
      .replace(/\n /g, ' ');
    for (const expected of [
      'Payeur : Club de judo',
      'Bénéficiaire : Collège Jean-Moulin, encaissé par son comptable public',
      'Espace : Gymnase',
      '100,00 €',
      'PayFiP (DGFiP)',
      `Référence de la dette (refdet) : ${payfipRefdet(paymentId)}`,
      `Opération PayFiP : ${idOp}`,
      `Numéro d’autorisation : ${String(paid?.['reference'])}`,
      'TVA non applicable, article 256 B du code général des impôts.',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('frais du département');

    expect((await control(`/operations/${idOp}/notify`)).status).toBe(202);
    await kit.waitFor(async () => (await notifications(idOp)).length === 2, 'the replay to be recorded');
    expect(await notifications(idOp)).toEqual([{ outcome: 'read_back' }, { outcome: 'already_settled' }]);
    const events = (await kit.paymentEvents()).filter((event) => event.payload['paymentId'] === paymentId);
    expect(events.map((event) => event.type)).toEqual(['payment.checkout_opened', 'payment.succeeded']);
  });

  it('keeps a debit in progress until it settles days later on the sandbox’s clock', async () => {
    const { idOp, paymentId, bookingId } = await openCheckout(6_000);
    expect((await choose(idOp, 'debit')).status).toBe(303);
    // P5 while the page is still open: the payment stays open.
    await kit.parts.payfipCatchUp.run();
    await kit.sql(`UPDATE payment.payment SET updated_at = now() - interval '2 hours' WHERE id = $1`, [paymentId]);
    await kit.parts.payfipCatchUp.run();
    expect(await paymentStatus(paymentId)).toBe('open');

    // The page closed and PayFiP still does not know: a debit is under way, the booking stays held.
    offsetMs = 16 * 60_000;
    await kit.sql(`UPDATE payment.payment SET updated_at = now() - interval '2 hours' WHERE id = $1`, [paymentId]);
    expect(await kit.parts.payfipCatchUp.run()).toBeGreaterThanOrEqual(1);
    expect(await paymentStatus(paymentId)).toBe('processing');
    expect((await kit.paymentEvents('payment.processing')).map((event) => event.payload['paymentId'])).toContain(
      paymentId,
    );

    const advanced = await control('/clock', { advanceDays: 3 });
    expect(advanced.status).toBe(200);
    await waitForStatus(paymentId, 'succeeded');
    // The notification is recorded once its read-back committed.
    await kit.waitFor(async () => (await notifications(idOp)).length > 0, 'the notification to be recorded');
    expect(await notifications(idOp)).toEqual([{ outcome: 'read_back' }]);
    expect(await kit.ledger(bookingId)).toEqual([{ party: 'establishment', entryType: 'charge', amountCents: 6_000 }]);
  });

  it('catches up a lost notification, and ends a refused card or an abandon as failed', async () => {
    expect((await control('/notifications', { mode: 'drop' }, 'PUT')).status).toBe(200);
    const lost = await openCheckout();
    expect((await choose(lost.idOp, 'card')).status).toBe(303);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await paymentStatus(lost.paymentId)).toBe('open');
    await kit.sql(`UPDATE payment.payment SET updated_at = now() - interval '2 hours' WHERE id = $1`, [lost.paymentId]);
    await kit.parts.payfipCatchUp.run();
    expect(await paymentStatus(lost.paymentId)).toBe('succeeded');
    expect(await notifications(lost.idOp)).toEqual([]);

    await control('/notifications', undefined, 'DELETE');
    const refused = await openCheckout();
    await choose(refused.idOp, 'card-refused');
    await waitForStatus(refused.paymentId, 'failed');
    const abandoned = await openCheckout();
    await choose(abandoned.idOp, 'abandon');
    await waitForStatus(abandoned.paymentId, 'failed');
    const reasons = await kit.sql<{ reason: string }>(
      `SELECT failure_reason AS reason FROM payment.payment WHERE id IN ($1, $2) ORDER BY array_position(ARRAY[$1, $2]::uuid[], id)`,
      [refused.paymentId, abandoned.paymentId],
    );
    expect(reasons.map((row) => row.reason)).toEqual([
      'paiement par carte refusé',
      'paiement abandonné sur la page PayFiP',
    ]);
  });

  it('records unknown, foreign and malformed notifications without effect', async () => {
    const stranger = randomUUID();
    const post = await fetch(`${kit.service.url}/webhooks/payfip`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `idop=${stranger}`,
    });
    expect(post.status).toBe(200);
    const get = await fetch(`${kit.service.url}/webhooks/payfip?idOp=${stranger}`);
    expect(get.status).toBe(200);
    expect(await notifications(stranger)).toEqual([{ outcome: 'unknown' }, { outcome: 'unknown' }]);

    const malformed = await fetch(`${kit.service.url}/webhooks/payfip`, {
      method: 'POST',
      body: 'idop=<script>',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect(((await malformed.json()) as { code: string }).code).toBe('payfip_notification_malformed');
    const [recorded] = await kit.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM payment.payfip_notification WHERE outcome = 'malformed'`,
    );
    expect(recorded?.count).toBeGreaterThanOrEqual(1);
    expect(await kit.sql(`SELECT 1 FROM payment.payment WHERE checkout_id = $1`, [stranger])).toEqual([]);
  });

  it('flags an amount read back that differs from the payment’s, without confirming the booking', async () => {
    const { idOp, paymentId, bookingId } = await openCheckout(10_000);
    // As if PayFiP had been asked another amount than the one it says was paid.
    await kit.sql(`UPDATE payment.payment SET amount_cents = 9000 WHERE id = $1`, [paymentId]);
    await choose(idOp, 'card');
    await waitForStatus(paymentId, 'rejected');
    const flags = await kit.sql(`SELECT kind FROM payment.payment_flag WHERE payment_id = $1`, [paymentId]);
    expect(flags).toEqual([{ kind: 'amount_mismatch' }]);
    const [payable] = await kit.sql(`SELECT status FROM payment.payable_booking WHERE booking_id = $1`, [bookingId]);
    expect(payable).toEqual({ status: 'payable' });
    expect((await kit.paymentEvents('payment.succeeded')).map((event) => event.payload['paymentId'])).not.toContain(
      paymentId,
    );
  });

  it('flags a period’s payment read back with another amount, confirming none of its sessions', async () => {
    const organisationId = randomUUID();
    const seriesPeriod = { seriesId: randomUUID(), key: '2026-05', label: 'Mai 2026' };
    const sessions = [];
    for (const week of [2, 3]) {
      sessions.push(
        await kit.approvedBooking(college, 2_500, organisationId, {
          startsAt: new Date(Date.now() + week * 7 * 86_400_000),
          seriesPeriod,
        }),
      );
    }
    const opened = await kit
      .as(member(), { organisations: [organisationId] })
      .post<{ paymentId: string; checkoutUrl: string }>(
        `/series/${seriesPeriod.seriesId}/periods/${seriesPeriod.key}/checkout`,
        { payerEmail: 'tresorier@judo.example' },
      );
    expect(opened.status).toBe(201);
    // As if PayFiP had been asked another amount than the one it says was paid.
    await kit.sql(`UPDATE payment.payment SET amount_cents = 4000 WHERE id = $1`, [opened.body.paymentId]);
    await choose(new URL(opened.body.checkoutUrl).searchParams.get('idop') ?? '', 'card');
    await waitForStatus(opened.body.paymentId, 'rejected');
    const flags = await kit.sql(`SELECT kind FROM payment.payment_flag WHERE payment_id = $1`, [opened.body.paymentId]);
    expect(flags).toEqual([{ kind: 'amount_mismatch' }]);
    const payables = await kit.sql(`SELECT status FROM payment.payable_booking WHERE booking_id = ANY($1)`, [
      sessions.map((session) => session.bookingId),
    ]);
    expect(payables).toEqual([{ status: 'payable' }, { status: 'payable' }]);
    expect((await kit.paymentEvents('payment.succeeded')).map((event) => event.payload['paymentId'])).not.toContain(
      opened.body.paymentId,
    );
  });

  it('answers a SOAP fault or a timeout in French, writes nothing half, and lets the payer retry', async () => {
    const booking = await kit.approvedBooking(college, 5_000);
    const payer = kit.as(booking.payer, { organisations: [booking.organisationId] });
    for (const fault of [{ technical: 'TechIndisponibiliteErreur' }, { delayMs: 4_000 }]) {
      expect((await control('/faults', fault, 'PUT')).status).toBe(200);
      const failed = await payer.post<{ code: string; title: string }>(`/bookings/${booking.bookingId}/checkout`, {
        payerEmail: 'tresorier@judo.example',
      });
      expect(failed.status).toBe(503);
      expect(failed.body.code).toBe('payment_provider_unavailable');
      expect(failed.body.title).toBe('Le service de paiement ne répond pas. Réessayez dans quelques instants.');
      const rows = await kit.sql(`SELECT status, checkout_id FROM payment.payment WHERE booking_id = $1`, [
        booking.bookingId,
      ]);
      expect(rows).toEqual([{ status: 'creating', checkout_id: null }]);
      await control('/faults', undefined, 'DELETE');
    }
    // Not resumed behind the payer's back by the task worker, even long after: nobody would see its page.
    const operationCount = async () =>
      ((await (await control('/operations', undefined, 'GET')).json()) as { items: unknown[] }).items.length;
    const before = await operationCount();
    await kit.sql(`UPDATE payment.payment SET updated_at = now() - interval '5 minutes' WHERE booking_id = $1`, [
      booking.bookingId,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await operationCount()).toBe(before);
    expect(await kit.sql(`SELECT status FROM payment.payment WHERE booking_id = $1`, [booking.bookingId])).toEqual([
      { status: 'creating' },
    ]);
    const retried = await payer.post<{ paymentId: string }>(`/bookings/${booking.bookingId}/checkout`, {
      payerEmail: 'tresorier@judo.example',
    });
    expect(retried.status).toBe(201);
    const rows = await kit.sql(`SELECT status FROM payment.payment WHERE booking_id = $1`, [booking.bookingId]);
    expect(rows).toEqual([{ status: 'open' }]);
  });

  it('pays a series’ period with one PayFiP operation, and hands a cancelled session’s share to the accountant', async () => {
    const organisationId = randomUUID();
    const seriesPeriod = { seriesId: randomUUID(), key: '2026-T2', label: '2e trimestre 2026-2027 (janvier à mars)' };
    const sessions = [];
    for (const week of [2, 3, 4]) {
      sessions.push(
        await kit.approvedBooking(college, 3_000, organisationId, {
          startsAt: new Date(Date.now() + week * 7 * 86_400_000),
          labels: { organisationName: 'Club de judo', establishmentName: 'Collège Jean-Moulin', spaceName: 'Dojo' },
          seriesPeriod,
        }),
      );
    }
    const payer = kit.as(member(), { organisations: [organisationId] });
    const path = `/series/${seriesPeriod.seriesId}/periods/${seriesPeriod.key}/checkout`;
    const missing = await payer.post<{ code: string }>(path);
    expect([missing.status, missing.body.code]).toEqual([400, 'payer_email_required']);
    const opened = await payer.post<{ paymentId: string; checkoutUrl: string; amountCents: number }>(path, {
      payerEmail: 'tresorier@judo.example',
    });
    expect([opened.status, opened.body.amountCents]).toEqual([201, 9_000]);
    const idOp = new URL(opened.body.checkoutUrl).searchParams.get('idop') ?? '';
    const operations = (await (await control('/operations', undefined, 'GET')).json()) as {
      items: { idOp: string; refdet: string; montant: string }[];
    };
    // One operation for the period, its refdet the payment's.
    expect(operations.items.find((item) => item.idOp === idOp)).toMatchObject({
      montant: '9000',
      refdet: payfipRefdet(opened.body.paymentId),
    });
    expect((await choose(idOp, 'card')).status).toBe(303);
    await waitForStatus(opened.body.paymentId, 'succeeded');
    const succeeded = (await kit.paymentEvents('payment.succeeded')).filter(
      (event) => event.payload['paymentId'] === opened.body.paymentId,
    );
    expect(succeeded.map((event) => event.payload['bookingId']).sort()).toEqual(
      sessions.map((session) => session.bookingId).sort(),
    );

    // One session cancelled at 50 %: half of its own price, as a request to the accountant.
    const [cancelled] = sessions;
    await kit.publish('booking.cancelled', {
      bookingId: cancelled?.bookingId ?? '',
      establishmentId: college,
      organisationId,
      cancelledBy: 'organisation',
      refundPercent: 50,
      priceCents: 3_000,
      reason: 'Tournoi annulé',
    });
    const requests = await kit.waitFor(async () => {
      const rows = await kit.sql<{ amount: number; bookingId: string }>(
        `SELECT amount_cents AS amount, booking_id AS "bookingId" FROM payment.refund
          WHERE payment_id = $1 AND status = 'pending' AND accountant_requested_at IS NOT NULL`,
        [opened.body.paymentId],
      );
      return rows.length > 0 ? rows : undefined;
    }, 'the session’s refund to be handed to the accountant');
    expect(requests).toEqual([{ amount: 1_500, bookingId: cancelled?.bookingId }]);
  });

  describe('refunds as requests for the public accountant, and the accountant’s export', () => {
    it('hands a cancellation refund to the accountant, lists it, and marks it done with the accountant’s reference', async () => {
      const { idOp, paymentId, bookingId, organisationId, payer } = await openCheckout(10_000);
      await choose(idOp, 'card');
      await waitForStatus(paymentId, 'succeeded');
      await kit.publish('booking.cancelled', {
        bookingId,
        establishmentId: college,
        organisationId,
        cancelledBy: 'organisation',
        refundPercent: 50,
        priceCents: 10_000,
        reason: 'Tournoi annulé',
      });
      await kit.waitFor(
        async () =>
          (
            await kit.sql(
              `SELECT 1 FROM payment.refund WHERE payment_id = $1 AND status = 'pending' AND accountant_requested_at IS NOT NULL`,
              [paymentId],
            )
          )[0],
        'the refund to be handed to the accountant',
      );

      const managerAgent = agent();
      const manager = kit.as(managerAgent, { establishments: [college] });
      const listed = await manager.get<{ items: Record<string, unknown>[] }>(
        `/accountant-refunds?establishmentId=${college}`,
      );
      expect(listed.status).toBe(200);
      const request = listed.body.items.find((item) => item['paymentId'] === paymentId);
      expect(request).toMatchObject({
        bookingId,
        establishmentId: college,
        payerName: 'Club de judo',
        amountCents: 5_000,
        percent: 50,
        cause: 'cancellation',
        refdet: expect.stringMatching(/^SSD[0-9A-F]{27}$/),
        idOp,
        numauto: expect.stringMatching(/-tip$/),
        done: false,
        accountantReference: null,
      });
      const admin = kit.as(agent(['department_admin']));
      const all = await admin.get<{ items: { id: string }[] }>(`/accountant-refunds`);
      expect(all.body.items.map((item) => item.id)).toContain(request?.['id']);

      const otherCollege = randomUUID();
      const stranger = kit.as(agent(), { establishments: [otherCollege] });
      expect((await stranger.get(`/accountant-refunds?establishmentId=${college}`)).status).toBe(403);
      expect((await payer.get(`/accountant-refunds`)).status).toBe(403);
      const refundId = String(request?.['id']);
      const foreign = await stranger.post<{ code: string }>(`/accountant-refunds/${refundId}/done`, {
        accountantReference: 'M2026-0042',
      });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('refund_not_found');
      const blank = await manager.post(`/accountant-refunds/${refundId}/done`, { accountantReference: '  ' });
      expect(blank.status).toBe(400);

      const done = await manager.post<Record<string, unknown>>(`/accountant-refunds/${refundId}/done`, {
        accountantReference: 'M2026-0042',
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ done: true, accountantReference: 'M2026-0042' });
      const again = await manager.post<{ code: string }>(`/accountant-refunds/${refundId}/done`, {
        accountantReference: 'M2026-0043',
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('accountant_refund_already_done');

      const [refunded] = (await kit.paymentEvents('payment.refunded')).filter(
        (event) => event.payload['paymentId'] === paymentId,
      );
      expect(refunded?.payload).toMatchObject({ bookingId, refundId, amountCents: 5_000, refundPercent: 50 });
      expect(await kit.ledger(bookingId)).toEqual([
        { party: 'establishment', entryType: 'charge', amountCents: 10_000 },
        { party: 'establishment', entryType: 'refund', amountCents: -5_000 },
      ]);
      const [view] = await kit.sql(`SELECT status FROM payment.refund WHERE id = $1`, [refundId]);
      expect(view).toEqual({ status: 'succeeded' });
      // One audit entry: the manager's, under the collège and organisation; the refused attempts wrote none.
      const logged = await admin.get<AuditPage>('/audit-entries?action=refund.accountant_done');
      expect(logged.body.items.filter((entry) => entry.objectId === refundId)).toEqual([
        expect.objectContaining({
          actorAccountId: managerAgent.accountId,
          actorRole: 'establishment_manager',
          objectType: 'refund',
          establishmentId: college,
          organisationId,
          changes: {
            status: { before: 'pending', after: 'succeeded' },
            accountantReference: { before: null, after: 'M2026-0042' },
            amountCents: { before: null, after: 5_000 },
            paymentId: { before: null, after: paymentId },
          },
        }),
      ]);

      const csv = await manager.get(`/establishments/${college}/accountant-export.csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const text = csv.raw.toString('utf8');
      expect(text.startsWith('\ufeffDate (heure de Paris);Opération;Prestataire;Référence de la dette (refdet)')).toBe(
        true,
      );
      // Paid on the sandbox's simulated clock (moved days ahead by the debit test): matched by content, not order.
      const lines = text.split('\r\n').filter((line) => line.includes(idOp));
      expect(lines).toHaveLength(2);
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(`;Paiement;PayFiP;SSD[0-9A-F]{27};${idOp};[^;]*-tip;100,00;Club de judo;${bookingId};Accepté;$`),
        ),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `;Demande de remboursement au comptable;PayFiP;SSD[0-9A-F]{27};${idOp};[^;]*;-50,00;Club de judo;${bookingId};Remboursé;M2026-0042$`,
          ),
        ),
      );
      expect((await stranger.get(`/establishments/${college}/accountant-export.csv`)).status).toBe(403);
    });
  });

  describe('personal data: the payer e-mail given to PayFiP', () => {
    it('is in the payer’s own export only, and erased by an admin only, the payment kept for the accounts', async () => {
      const { payer, organisationId, paymentId } = await openCheckout();
      const mine = await payer.get<PaymentPersonalData>('/me/personal-data');
      expect(mine.status).toBe(200);
      expect(mine.body.payments).toEqual([
        expect.objectContaining({ id: paymentId, provider: 'payfip', payerEmail: 'tresorier@judo.example' }),
      ]);
      // Another member of the same organisation, and the collège's manager, get their own data: none of it.
      for (const other of [
        kit.as(member(), { organisations: [organisationId] }),
        kit.as(agent(), { establishments: [college] }),
      ])
        expect((await other.get<PaymentPersonalData>('/me/personal-data')).body.payments).toEqual([]);
      expect((await kit.as(null).get('/me/personal-data')).status).toBe(401);

      const erase = `/personal-data/${await accountOf(paymentId)}/erase`;
      expect((await payer.post(erase)).status).toBe(403);
      expect((await kit.as(agent(), { establishments: [college] }).post(erase)).status).toBe(403);
      expect((await kit.as(null).post(erase)).status).toBe(401);
      const admin = kit.as(agent(['department_admin']));
      const erased = await admin.post<ServiceErasureReport>(erase);
      expect(erased.status).toBe(200);
      expect(erased.body).toEqual({
        removed: 1,
        kept: [
          { what: 'payments', count: 1, reason: expect.stringMatching(/comptables/), keptUntil: expect.any(String) },
        ],
      });
      expect((await payer.get<PaymentPersonalData>('/me/personal-data')).body.payments).toEqual([]);
      const [row] = (await kit.dataSource.query(
        `SELECT created_by, request ? 'payerEmail' AS "hasEmail", amount_cents FROM payment.payment WHERE id = $1`,
        [paymentId],
      )) as { created_by: string | null; hasEmail: boolean; amount_cents: number }[];
      expect(row).toEqual({ created_by: null, hasEmail: false, amount_cents: 10_000 });
      // Idempotent: a second execution finds nothing left.
      expect((await admin.post<ServiceErasureReport>(erase)).body).toEqual({ removed: 0, kept: [] });
    });
  });

  /** The account that opened `paymentId`, as the payment service recorded it. */
  async function accountOf(paymentId: string): Promise<string> {
    const [row] = (await kit.dataSource.query(`SELECT created_by FROM payment.payment WHERE id = $1`, [paymentId])) as {
      created_by: string;
    }[];
    return row?.created_by ?? '';
  }
});
