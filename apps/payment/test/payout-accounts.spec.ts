import { randomUUID } from 'node:crypto';
import { agent, member, PaymentTestKit } from './payment-test-kit';

describe('collège payout accounts', () => {
  let kit: PaymentTestKit;
  let clockOffsetMs = 0;

  beforeAll(async () => {
    kit = await PaymentTestKit.start('pay-accounts', { now: () => new Date(Date.now() + clockOffsetMs) });
  });
  afterEach(async () => {
    await kit.resetFaults();
  });
  afterAll(async () => {
    await kit?.stop();
  });

  const managerOf = (establishmentId: string) => kit.as(agent(), { establishments: [establishmentId] });
  const statusOf = async (establishmentId: string) =>
    (await managerOf(establishmentId).get<{ status: string }>(`/establishments/${establishmentId}/payout-account`)).body
      .status;

  it('publishes its OpenAPI description to visitors, with the contracts schemas', async () => {
    const { status, body } = await kit.as(null).get<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    }>('/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const create = body.paths['/establishments/{establishmentId}/payout-account']?.['post'];
    expect(create?.requestBody).toBeDefined();
    expect(Object.keys(create?.responses ?? {}).sort()).toEqual(['200', '201', '400', '401', '403', '502', '503']);
  });

  it('is managed by the collège’s managers and the département’s admins only', async () => {
    const establishmentId = randomUUID();
    const path = `/establishments/${establishmentId}/payout-account`;
    expect((await kit.as(null).get(path)).status).toBe(401);
    expect((await kit.as(agent(), { establishments: [randomUUID()] }).post(path, { displayName: 'X' })).status).toBe(
      403,
    );
    expect((await kit.as(member(), { organisations: [randomUUID()] }).get(path)).status).toBe(403);
    expect((await kit.as(agent(), { establishments: [randomUUID()] }).post(`${path}/onboarding-link`)).status).toBe(
      403,
    );
    expect((await managerOf(establishmentId).post(path, { displayName: '' })).status).toBe(400);
    expect(await statusOf(establishmentId)).toBe('none');

    const admin = kit.as(agent(['department_admin']));
    const created = await admin.post<{ status: string; accountId: string }>(path, {
      displayName: 'Collège Victor Hugo',
      email: 'gestion@college.test',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'onboarding',
      establishmentId,
      transfersActive: false,
      payoutsEnabled: false,
    });
    const again = await managerOf(establishmentId).post<{ accountId: string }>(path, {
      displayName: 'Collège Victor Hugo',
    });
    expect(again.status).toBe(200);
    expect(again.body.accountId).toBe(created.body.accountId);
    const accountRequest = (await kit.sandboxRequests()).find(
      (r) => r.path === '/v1/accounts' && r.idempotencyKey === `onboard:${establishmentId}`,
    );
    expect(accountRequest?.body).toMatchObject({
      country: 'FR',
      capabilities: { transfers: { requested: 'true' } },
      controller: { losses: { payments: 'application' }, fees: { payer: 'application' } },
      metadata: { establishment_id: establishmentId },
    });
  });

  it('onboards through fresh single-use links, never stored nor logged; ready only on the provider’s word', async () => {
    const establishmentId = randomUUID();
    const manager = managerOf(establishmentId);
    const path = `/establishments/${establishmentId}/payout-account`;
    expect((await manager.post(`${path}/onboarding-link`)).body).toMatchObject({ code: 'payout_account_missing' });
    const { body: account } = await manager.post<{ accountId: string }>(path, { displayName: 'Collège Louise Michel' });

    const first = await manager.post<{ url: string; expiresAt: string }>(`${path}/onboarding-link`);
    const second = await manager.post<{ url: string }>(`${path}/onboarding-link`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(second.body.url).not.toBe(first.body.url);

    // The person comes back through the return URL without finishing: still not ready.
    const later = await fetch(second.body.url);
    const laterVisit = /action="(\/connect\/onboarding\/visits\/[^"]+)"/.exec(await later.text())?.[1];
    const returned = await fetch(`${kit.sandboxUrl}${laterVisit}`, {
      method: 'POST',
      body: new URLSearchParams({ action: 'later' }),
      redirect: 'manual',
    });
    expect(returned.headers.get('location')).toBe(
      `http://127.0.0.1:3000/etablissements/${establishmentId}/versements?retour=1`,
    );
    await kit.waitFor(
      async () =>
        (
          await kit.sql(`SELECT 1 FROM payment.provider_event WHERE account = $1 AND processed_at IS NOT NULL`, [
            account.accountId,
          ])
        )[0],
      'the account event',
    );
    expect(await statusOf(establishmentId)).toBe('onboarding');
    expect(await kit.paymentEvents('establishment.payout_ready')).toEqual([]);

    // A used link sends to the refresh URL, where the web app asks for a fresh one.
    const reused = await fetch(second.body.url, { redirect: 'manual' });
    expect(reused.headers.get('location')).toBe(
      `http://127.0.0.1:3000/etablissements/${establishmentId}/versements?lien=expire`,
    );

    const page = await fetch(first.body.url);
    const visit = /action="(\/connect\/onboarding\/visits\/[^"]+)"/.exec(await page.text())?.[1];
    await fetch(`${kit.sandboxUrl}${visit}`, {
      method: 'POST',
      body: new URLSearchParams({ action: 'complete' }),
      redirect: 'manual',
    });
    await kit.waitFor(async () => (await statusOf(establishmentId)) === 'ready', 'readiness');
    const ready = await kit.paymentEvents('establishment.payout_ready');
    expect(ready.map((event) => event.payload)).toEqual([{ establishmentId, accountId: account.accountId }]);

    const stored = JSON.stringify(await kit.sql(`SELECT * FROM payment.payout_account`));
    const token = (url: string) => url.split('/').pop() ?? '';
    for (const url of [first.body.url, second.body.url]) {
      expect(stored).not.toContain(token(url));
      expect(kit.logs.join('\n')).not.toContain(token(url));
    }
  });

  it('announces readiness once despite duplicate events, and withdraws it when the provider restricts the account', async () => {
    await kit.faults({ webhooks: { duplicates: 5 } });
    const { establishmentId, accountId } = await kit.readyCollege();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      (await kit.paymentEvents('establishment.payout_ready')).filter(
        (e) => e.payload['establishmentId'] === establishmentId,
      ),
    ).toHaveLength(1);

    const booking = await kit.approvedBooking(establishmentId);
    await kit.sandboxControl(`/accounts/${accountId}/restrict`);
    await kit.waitFor(async () => (await statusOf(establishmentId)) === 'restricted', 'the restriction');
    const refused = await kit
      .as(booking.payer, { organisations: [booking.organisationId] })
      .post(`/bookings/${booking.bookingId}/checkout`);
    expect(refused.body).toMatchObject({ code: 'payout_account_not_ready' });

    await kit.sandboxControl(`/accounts/${accountId}/complete-onboarding`);
    await kit.waitFor(async () => (await statusOf(establishmentId)) === 'ready', 'readiness again');
    expect(
      (await kit.paymentEvents('establishment.payout_ready')).filter(
        (e) => e.payload['establishmentId'] === establishmentId,
      ),
    ).toHaveLength(2);
    expect(
      (
        await kit
          .as(booking.payer, { organisations: [booking.organisationId] })
          .post(`/bookings/${booking.bookingId}/checkout`)
      ).status,
    ).toBe(201);
  });

  describe('Connect events that never arrived (the sweeper)', () => {
    const readyEvents = async (establishmentId: string) =>
      (await kit.paymentEvents('establishment.payout_ready')).filter(
        (e) => e.payload['establishmentId'] === establishmentId,
      );
    const processed = (accountId: string, type: string) => async () =>
      (
        await kit.sql(
          `SELECT 1 FROM payment.provider_event WHERE account = $1 AND type = $2 AND processed_at IS NOT NULL`,
          [accountId, type],
        )
      )[0];

    it('makes a collège ready when its account.updated was lost, once, and leaves the account alone until it is due again', async () => {
      const establishmentId = randomUUID();
      const { body: account } = await managerOf(establishmentId).post<{ accountId: string }>(
        `/establishments/${establishmentId}/payout-account`,
        {
          displayName: 'Collège Marie Curie',
        },
      );
      await kit.faults({ webhooks: { suppress: true } });
      await kit.sandboxControl(`/accounts/${account.accountId}/complete-onboarding`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await statusOf(establishmentId)).toBe('onboarding');
      expect(await kit.sql(`SELECT 1 FROM payment.provider_event WHERE account = $1`, [account.accountId])).toEqual([]);

      expect((await kit.parts.sweeper.run()).accountsSwept).toBeGreaterThanOrEqual(1);
      expect(await statusOf(establishmentId)).toBe('ready');
      // The lost event itself is listed back from the account's own events, stored and processed like a delivery.
      await kit.waitFor(processed(account.accountId, 'account.updated'), 'the fetched-back account event');
      expect((await readyEvents(establishmentId)).map((e) => e.payload)).toEqual([
        { establishmentId, accountId: account.accountId },
      ]);

      expect((await kit.parts.sweeper.run()).accountsSwept).toBe(0);
      clockOffsetMs = 6 * 60_000;
      expect((await kit.parts.sweeper.run()).caughtUp).toBe(0);
      expect(await readyEvents(establishmentId)).toHaveLength(1);
    });

    it('records a payout and a restriction whose events were lost, on the slower pace of ready accounts', async () => {
      clockOffsetMs = 0;
      const { establishmentId, accountId } = await kit.readyCollege();
      await kit.paidBooking(establishmentId, 5_000);
      await kit.parts.sweeper.run();
      await kit.faults({ webhooks: { suppress: true } });
      const payout = await kit.sandboxControl<{ id: string; amount: number }>(`/accounts/${accountId}/payouts`);
      await kit.sandboxControl(`/accounts/${accountId}/restrict`);
      await kit.parts.sweeper.run();
      expect(await statusOf(establishmentId)).toBe('ready');

      clockOffsetMs = 61 * 60_000;
      await kit.parts.sweeper.run();
      expect(await statusOf(establishmentId)).toBe('restricted');
      await kit.waitFor(processed(accountId, 'payout.paid'), 'the fetched-back payout');
      const ledger = await kit.sql<{ amountCents: number }>(
        `SELECT amount_cents::float8 AS "amountCents" FROM payment.ledger_entry WHERE provider_object_id = $1 AND entry_type = 'payout' AND establishment_id = $2`,
        [payout.body.id, establishmentId],
      );
      expect(ledger).toEqual([{ amountCents: -payout.body.amount }]);
      const report = await managerOf(establishmentId).get<{
        ok: boolean;
        payouts: { payoutId: string; issues: string[] }[];
      }>(`/reconciliation?establishmentId=${establishmentId}`);
      expect(report.body.payouts).toEqual([expect.objectContaining({ payoutId: payout.body.id, issues: [] })]);
    });
  });

  it('answers 503 when the provider cannot be reached', async () => {
    await kit.faults({ api: [{ method: 'POST', path: '/v1/accounts', kind: 'error', status: 500, times: 3 }] });
    const establishmentId = randomUUID();
    const response = await managerOf(establishmentId).post(`/establishments/${establishmentId}/payout-account`, {
      displayName: 'Collège',
    });
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ code: 'payment_provider_unavailable' });
    expect(await statusOf(establishmentId)).toBe('none');
  });
});
