import Stripe from 'stripe';
import { STRIPE_API_VERSION } from '@salle/contracts';
import { startStripeSandbox, type StripeSandbox } from '../src';
import type { RecordedRequest } from '../src/api/request-recorder';
import { control, readyAccount, sdkFor, sessionParams, TEST_KEY } from './sandbox-client';

describe('stripe-sandbox API', () => {
  let sandbox: StripeSandbox;
  let stripe: Stripe;
  let destination: string;

  beforeAll(async () => {
    sandbox = await startStripeSandbox({ port: 0 });
    stripe = sdkFor(sandbox);
    destination = await readyAccount(stripe, sandbox);
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  afterEach(async () => {
    await control(sandbox, '/faults', undefined, 'DELETE');
  });

  const requests = async () =>
    (await control<{ requests: RecordedRequest[] }>(sandbox, '/requests', undefined, 'GET')).body.requests;

  describe('headers', () => {
    it('refuses a request without an API key with the error the SDK maps to StripeAuthenticationError', async () => {
      const response = await fetch(`${sandbox.url}/v1/accounts/${destination}`, {
        headers: { 'stripe-version': STRIPE_API_VERSION },
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { type: string; message: string } }).error.message).toMatch(
        /did not provide an API key/,
      );
      const anonymous = new Stripe('sk_test_x', {
        host: '127.0.0.1',
        port: new URL(sandbox.url).port,
        protocol: 'http',
        maxNetworkRetries: 0,
      });
      // An empty key is refused by the SDK itself; a wrong one when a key is configured, by the sandbox (below).
      await expect(anonymous.accounts.retrieve(destination)).resolves.toMatchObject({ id: destination });
    });

    it('accepts only the configured key when one is set, and never a live key', async () => {
      const strict = await startStripeSandbox({ port: 0, secretKey: 'sk_test_only_this_one' });
      try {
        const wrong = sdkFor(strict);
        const failure = await wrong.accounts.create({ country: 'FR' }).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
        expect((failure as Error).message).toMatch(/^Invalid API Key provided: sk_test_/);
        const live = await sdkFor(strict, {})
          .accounts.create({ country: 'FR' }, { apiKey: 'sk_live_abcdefghijkl' })
          .catch((e: unknown) => e);
        expect(live).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
        expect((live as Error).message).toMatch(/never accepts live keys/);
        const right = sdkFor(strict);
        await expect(
          right.accounts.create({ country: 'FR' }, { apiKey: 'sk_test_only_this_one' }),
        ).resolves.toMatchObject({ object: 'account' });
      } finally {
        await strict.close();
      }
    });

    it('requires the pinned Stripe-Version', async () => {
      const base = { authorization: `Bearer ${TEST_KEY}` };
      const missing = await fetch(`${sandbox.url}/v1/accounts/${destination}`, { headers: base });
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('api_version_missing');
      const other = await fetch(`${sandbox.url}/v1/accounts/${destination}`, {
        headers: { ...base, 'stripe-version': '2024-06-20' },
      });
      expect(other.status).toBe(400);
      expect(((await other.json()) as { error: { message: string } }).error.message).toContain(STRIPE_API_VERSION);
      expect(STRIPE_API_VERSION).toBe('2026-10-28.endive');
    });

    it('answers unknown endpoints and objects in Stripe shape', async () => {
      const missing = await stripe.checkout.sessions.retrieve('cs_test_nope').catch((error: unknown) => error);
      expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(missing).toMatchObject({
        code: 'resource_missing',
        statusCode: 404,
        message: "No such checkout.session: 'cs_test_nope'",
      });
      const response = await fetch(`${sandbox.url}/v1/customers`, {
        headers: { authorization: `Bearer ${TEST_KEY}`, 'stripe-version': STRIPE_API_VERSION },
      });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
    });
  });

  describe('form-encoded bodies', () => {
    it('decodes nested brackets into the parameters a Checkout Session is built from', async () => {
      const session = await stripe.checkout.sessions.create(sessionParams(destination, 4_500, 450), {
        idempotencyKey: 'form-1',
      });
      expect(session).toMatchObject({
        amount_total: 4_500,
        currency: 'eur',
        status: 'open',
        client_reference_id: 'b-1',
        metadata: { booking_id: 'b-1' },
      });
      const recorded = (await requests()).find((request) => request.idempotencyKey === 'form-1');
      expect(recorded?.body).toMatchObject({
        line_items: [
          {
            quantity: '1',
            price_data: { currency: 'eur', unit_amount: '4500', product_data: { name: 'Salle polyvalente' } },
          },
        ],
        payment_intent_data: { application_fee_amount: '450', transfer_data: { destination } },
      });
      expect(recorded?.stripeVersion).toBe(STRIPE_API_VERSION);
    });

    it('refuses unknown parameters, like payment_method_types that v23 removed', async () => {
      const params = {
        ...sessionParams(destination),
        payment_method_types: ['card'],
      } as Stripe.Checkout.SessionCreateParams;
      const failure = await stripe.checkout.sessions.create(params).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(failure).toMatchObject({ code: 'parameter_unknown', param: 'payment_method_types' });
    });

    it('checks the rules of a destination charge: hold window, fee, destination capability', async () => {
      const now = Math.floor(Date.now() / 1000);
      await expect(
        stripe.checkout.sessions.create({ ...sessionParams(destination), expires_at: now + 600 }),
      ).rejects.toMatchObject({ param: 'expires_at' });
      await expect(
        stripe.checkout.sessions.create({ ...sessionParams(destination), expires_at: now + 25 * 3600 }),
      ).rejects.toMatchObject({ param: 'expires_at' });
      await expect(stripe.checkout.sessions.create(sessionParams(destination, 1_000, 2_000))).rejects.toMatchObject({
        param: 'payment_intent_data[application_fee_amount]',
      });
      const pending = await stripe.accounts.create({ country: 'FR', capabilities: { transfers: { requested: true } } });
      await expect(stripe.checkout.sessions.create(sessionParams(pending.id))).rejects.toMatchObject({
        code: 'insufficient_capabilities_for_transfer',
      });
    });
  });

  describe('idempotency keys', () => {
    it('replays the first result for the same key and parameters', async () => {
      const first = await stripe.checkout.sessions.create(sessionParams(destination), {
        idempotencyKey: 'checkout:same:1',
      });
      const again = await stripe.checkout.sessions.create(sessionParams(destination), {
        idempotencyKey: 'checkout:same:1',
      });
      expect(again.id).toBe(first.id);
      expect((await requests()).filter((r) => r.idempotencyKey === 'checkout:same:1').map((r) => r.replayed)).toEqual([
        false,
        true,
      ]);
    });

    it('refuses the same key with other parameters with an idempotency_error', async () => {
      await stripe.checkout.sessions.create(sessionParams(destination, 10_000), {
        idempotencyKey: 'checkout:conflict:1',
      });
      const failure = await stripe.checkout.sessions
        .create(sessionParams(destination, 12_000), { idempotencyKey: 'checkout:conflict:1' })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
      expect((failure as Error).message).toMatch(/same parameters/);
    });

    it('stores nothing for a request that failed validation', async () => {
      const params = { ...sessionParams(destination), expires_at: Math.floor(Date.now() / 1000) + 60 };
      await expect(stripe.checkout.sessions.create(params, { idempotencyKey: 'checkout:invalid:1' })).rejects.toThrow(
        /30 minutes/,
      );
      const session = await stripe.checkout.sessions.create(sessionParams(destination), {
        idempotencyKey: 'checkout:invalid:1',
      });
      expect(session.status).toBe('open');
    });

    it('answers 409 to a request racing one in flight with its key; the SDK retries and gets the replay', async () => {
      await control(sandbox, '/faults', {
        api: [{ method: 'POST', path: '/v1/checkout/sessions', kind: 'delay', delayMs: 400 }],
      });
      const racing = sdkFor(sandbox, { maxNetworkRetries: 3 });
      const params = sessionParams(destination);
      const [a, b] = await Promise.all([
        racing.checkout.sessions.create(params, { idempotencyKey: 'checkout:race:1' }),
        new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
          racing.checkout.sessions.create(params, { idempotencyKey: 'checkout:race:1' }),
        ),
      ]);
      expect(b.id).toBe(a.id);
      const statuses = (await requests()).filter((r) => r.idempotencyKey === 'checkout:race:1').map((r) => r.status);
      expect(statuses).toContain(409);
    });
  });

  describe('injected faults and the SDK retries', () => {
    it('retries an injected 500 with the same idempotency key and succeeds', async () => {
      await control(sandbox, '/faults', {
        api: [{ method: 'POST', path: '/v1/checkout/sessions', kind: 'error', status: 500, times: 1 }],
      });
      const session = await stripe.checkout.sessions.create(sessionParams(destination), {
        idempotencyKey: 'checkout:retry:1',
      });
      expect(session.status).toBe('open');
      const attempts = (await requests()).filter((r) => r.idempotencyKey === 'checkout:retry:1');
      expect(attempts.map((r) => [r.status, r.fault])).toEqual([
        [500, 'error'],
        [200, null],
      ]);
    });

    it('gives up with StripeAPIError when the faults outlast the retries', async () => {
      await control(sandbox, '/faults', {
        api: [{ method: 'POST', path: '/v1/checkout/sessions', kind: 'error', status: 503, times: 5 }],
      });
      const failure = await sdkFor(sandbox, { maxNetworkRetries: 1 })
        .checkout.sessions.create(sessionParams(destination), { idempotencyKey: 'checkout:down:1' })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Stripe.errors.StripeAPIError);
    });

    it('creates one object when the response is lost after the request ran: the retry gets the replay', async () => {
      await control(sandbox, '/faults', {
        api: [{ method: 'POST', path: '/v1/checkout/sessions', kind: 'drop_response' }],
      });
      const before = sandbox.parts.store.all('checkout.session').length;
      const session = await stripe.checkout.sessions.create(sessionParams(destination), {
        idempotencyKey: 'checkout:lost:1',
      });
      const attempts = (await requests()).filter((r) => r.idempotencyKey === 'checkout:lost:1');
      expect(attempts).toHaveLength(2);
      expect(attempts[1]?.replayed).toBe(true);
      expect(attempts[0]).toMatchObject({ fault: 'drop_response', replayed: false });
      expect(sandbox.parts.store.all('checkout.session').length).toBe(before + 1);
      expect(session.status).toBe('open');
    });

    it('can fail a share of all requests (STRIPE_SANDBOX_FAILURE_RATE)', async () => {
      await control(sandbox, '/faults', { failureRate: 1 });
      await expect(sdkFor(sandbox, { maxNetworkRetries: 0 }).accounts.retrieve(destination)).rejects.toBeInstanceOf(
        Stripe.errors.StripeAPIError,
      );
    });
  });

  describe('lists', () => {
    it('lists events newest first with type filters and cursors', async () => {
      const earlier = await stripe.checkout.sessions.create(sessionParams(destination));
      await stripe.checkout.sessions.expire(earlier.id);
      const session = await stripe.checkout.sessions.create(sessionParams(destination));
      await stripe.checkout.sessions.expire(session.id);
      await stripe.checkout.sessions
        .expire(session.id)
        .catch((error: unknown) => expect(error).toMatchObject({ code: 'checkout_session_not_expirable' }));
      const expired = await stripe.events.list({ type: 'checkout.session.expired', limit: 1 });
      expect(expired.data[0]).toMatchObject({
        type: 'checkout.session.expired',
        data: { object: { id: session.id, status: 'expired' } },
      });
      const all = await stripe.events.list({ limit: 2 });
      const next = await stripe.events.list({ limit: 2, starting_after: all.data[1]?.id });
      expect(all.data.map((event) => event.data.object)).toMatchObject([{ id: session.id }, { id: earlier.id }]);
      expect(next.data.map((event) => event.id)).not.toContain(all.data[0]?.id);
      const wildcard = await stripe.events.list({ type: 'checkout.session.*' });
      expect(wildcard.data.every((event) => event.type.startsWith('checkout.session.'))).toBe(true);
    });

    it('scopes balance transactions and events to the Stripe-Account given', async () => {
      const platform = await stripe.balanceTransactions.list({ limit: 100 });
      const connected = await stripe.balanceTransactions.list({ limit: 100 }, { stripeAccount: destination });
      const ids = new Set(platform.data.map((txn) => txn.id));
      expect(connected.data.every((txn) => !ids.has(txn.id))).toBe(true);
      const accountEvents = await stripe.events.list({ type: 'account.updated' }, { stripeAccount: destination });
      expect(accountEvents.data.every((event) => event.account === destination)).toBe(true);
      await expect(stripe.events.list({}, { stripeAccount: 'acct_unknown' })).rejects.toBeInstanceOf(
        Stripe.errors.StripePermissionError,
      );
    });
  });
});
