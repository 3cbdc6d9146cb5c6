import Stripe from 'stripe';
import { startStripeSandbox, type StripeSandbox } from '../src';
import { control, readyAccount, sdkFor, sessionParams } from './sandbox-client';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

const PLATFORM_SECRET = 'whsec_platform_secret_for_tests';
const CONNECT_SECRET = 'whsec_connect_secret_for_tests';

describe('stripe-sandbox webhooks', () => {
  let receiver: WebhookReceiver;
  let sandbox: StripeSandbox;
  let stripe: Stripe;
  let destination: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startStripeSandbox({
      port: 0,
      webhookEndpoints: [
        { url: `${receiver.url}/platform`, secret: PLATFORM_SECRET, connect: false },
        { url: `${receiver.url}/connect`, secret: CONNECT_SECRET, connect: true },
      ],
      webhookRetryDelaysMs: [50, 100],
    });
    stripe = sdkFor(sandbox);
    destination = await readyAccount(stripe, sandbox);
    await receiver.waitFor((received) => received.some((r) => r.event.type === 'account.updated'));
    receiver.clear();
  });
  afterEach(async () => {
    await control(sandbox, '/faults', undefined, 'DELETE');
    receiver.clear();
  });
  afterAll(async () => {
    await sandbox?.close();
    await receiver?.close();
  });

  const expireOne = async () => {
    const session = await stripe.checkout.sessions.create(sessionParams(destination));
    await stripe.checkout.sessions.expire(session.id);
    return session.id;
  };

  it('signs each delivery as Stripe does, with the secret of its endpoint', async () => {
    const sessionId = await expireOne();
    const [delivery] = await receiver.waitFor((received) => received.length >= 1);
    expect(delivery?.path).toBe('/platform');
    expect(delivery?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const event = stripe.webhooks.constructEvent(delivery?.body ?? '', delivery?.signature ?? '', PLATFORM_SECRET);
    expect(event).toMatchObject({
      type: 'checkout.session.expired',
      data: { object: { id: sessionId, status: 'expired' } },
    });
    expect(() =>
      stripe.webhooks.constructEvent(delivery?.body ?? '', delivery?.signature ?? '', CONNECT_SECRET),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('sends connected-account events to the Connect endpoint with their account', async () => {
    await control(sandbox, `/accounts/${destination}/restrict`);
    const [delivery] = await receiver.waitFor((received) => received.length >= 1);
    expect(delivery?.path).toBe('/connect');
    const event = stripe.webhooks.constructEvent(delivery?.body ?? '', delivery?.signature ?? '', CONNECT_SECRET);
    expect(event).toMatchObject({
      type: 'account.updated',
      account: destination,
      data: { object: { payouts_enabled: false } },
    });
    await control(sandbox, `/accounts/${destination}/complete-onboarding`);
  });

  it('retries a delivery answered with an error, then marks the event delivered', async () => {
    receiver.failNext(500, 503);
    const sessionId = await expireOne();
    const received = await receiver.waitFor((all) => all.length >= 3);
    expect(received.map((r) => r.event.data.object['id'])).toEqual([sessionId, sessionId, sessionId]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const listed = await stripe.events.list({ type: 'checkout.session.expired', limit: 1 });
    expect(listed.data[0]?.pending_webhooks).toBe(0);
  });

  it('delivers duplicates when asked to', async () => {
    await control(sandbox, '/faults', { webhooks: { duplicates: 5 } });
    const sessionId = await expireOne();
    const received = await receiver.waitFor((all) => all.length >= 5);
    expect(new Set(received.map((r) => r.event.id)).size).toBe(1);
    expect(received[0]?.event.data.object['id']).toBe(sessionId);
  });

  it('delivers out of order when asked to', async () => {
    await control(sandbox, '/faults', { webhooks: { reorder: true } });
    const first = await expireOne();
    const second = await expireOne();
    const received = await receiver.waitFor((all) => all.length >= 2);
    expect(received.map((r) => r.event.data.object['id'])).toEqual([second, first]);
  });

  it('loses deliveries when asked to, while the events stay listable as undelivered', async () => {
    await control(sandbox, '/faults', { webhooks: { suppress: true } });
    const sessionId = await expireOne();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).toHaveLength(0);
    const undelivered = await stripe.events.list({ delivery_success: false, type: 'checkout.session.expired' });
    expect(undelivered.data.map((event) => (event.data.object as { id: string }).id)).toContain(sessionId);
    await control(sandbox, `/events/${undelivered.data[0]?.id}/resend`);
    await receiver.waitFor((all) => all.length === 1);
  });
});
