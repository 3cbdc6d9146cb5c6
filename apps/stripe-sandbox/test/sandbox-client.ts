import Stripe from 'stripe';
import { STRIPE_API_VERSION } from '@salle/contracts';
import type { StripeSandbox } from '../src';

export const TEST_KEY = 'sk_test_sandbox_spec';

/** The real SDK pointed at the sandbox, as the payment service builds it. */
export function sdkFor(sandbox: StripeSandbox, options: Partial<Stripe.StripeConfig> = {}): Stripe {
  const url = new URL(sandbox.url);
  return new Stripe(TEST_KEY, {
    apiVersion: STRIPE_API_VERSION,
    host: url.hostname,
    port: url.port,
    protocol: 'http',
    maxNetworkRetries: 2,
    telemetry: false,
    ...options,
  });
}

export async function control<T = Record<string, unknown>>(
  sandbox: StripeSandbox,
  path: string,
  body?: unknown,
  method = 'POST',
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TEST_KEY}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A connected account onboarded and ready to receive transfers. */
export async function readyAccount(
  stripe: Stripe,
  sandbox: StripeSandbox,
  name = 'Collège Jean Moulin',
): Promise<string> {
  const account = await stripe.accounts.create({
    country: 'FR',
    capabilities: { transfers: { requested: true } },
    business_profile: { name },
    controller: {
      fees: { payer: 'application' },
      losses: { payments: 'application' },
      stripe_dashboard: { type: 'express' },
    },
  });
  await control(sandbox, `/accounts/${account.id}/complete-onboarding`);
  return account.id;
}

/** Fixed per test file, so that two calls build identical parameters (idempotency tests). */
const HOLD_END = Math.floor(Date.now() / 1000) + 33 * 60;

export function sessionParams(destination: string, amount = 10_000, fee = 1_000): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'payment',
    line_items: [
      {
        quantity: 1,
        price_data: { currency: 'eur', unit_amount: amount, product_data: { name: 'Salle polyvalente' } },
      },
    ],
    payment_intent_data: {
      application_fee_amount: fee,
      transfer_data: { destination },
      metadata: { booking_id: 'b-1' },
    },
    metadata: { booking_id: 'b-1' },
    client_reference_id: 'b-1',
    success_url: 'http://127.0.0.1:3000/paiement/ok?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://127.0.0.1:3000/paiement/annule',
    expires_at: HOLD_END,
  };
}
