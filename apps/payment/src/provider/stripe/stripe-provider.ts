import Stripe from 'stripe';
import { STRIPE_API_VERSION } from '@salle/contracts';
import {
  WebhookSignatureError,
  ProviderError,
  type ChargeMovements,
  type CheckoutRequest,
  type ProviderEventEnvelope,
  type PaymentProvider,
  type PayoutItem,
} from '../payment-provider';
import {
  interpretEvent,
  SESSION_EXPANSIONS,
  toCheckoutState,
  toMovement,
  toPayoutAccount,
  toRefund,
} from './stripe-mapping';

export interface StripeProviderOptions {
  secretKey: string;
  /** The stripe-sandbox; absent for real Stripe. */
  sandbox?: { host: string; port: number; protocol: 'http' | 'https' } | null;
  /** Platform, Connect, CLI or rolled secrets: a signature matching any of them passes. */
  webhookSecrets: string[];
  toleranceSeconds?: number;
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

const MAX_CATCH_UP_EVENTS = 1_000;

/** The API version is pinned in code, the same one the SDK's types describe. */
const apiVersion: Stripe.StripeConfig['apiVersion'] = STRIPE_API_VERSION;

/** Stripe's errors, in the port's terms. */
function providerError(error: unknown): ProviderError {
  if (error instanceof Stripe.errors.StripeIdempotencyError)
    return new ProviderError('idempotency_conflict', error.message, error.code);
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    return new ProviderError(error.statusCode === 404 ? 'not_found' : 'invalid_request', error.message, error.code);
  }
  if (error instanceof Stripe.errors.StripeCardError)
    return new ProviderError('invalid_request', error.message, error.code);
  if (
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError
  ) {
    return new ProviderError('authentication', error.message, error.code);
  }
  return new ProviderError('unavailable', (error as Error)?.message ?? 'provider unavailable');
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw providerError(error);
  }
}

/**
 * The Stripe adapter: the only code that imports `stripe`. Destination
 * charges through hosted Checkout, v1 connected accounts configured as
 * recipients (controller properties), refunds with reverse_transfer and
 * refund_application_fee, webhooks checked against every configured secret.
 */
export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
  let client: Stripe | undefined;
  // Created on first use: the SDK refuses to be built without a key, which must not break imports.
  const stripe = () =>
    (client ??= new Stripe(options.secretKey, {
      apiVersion,
      maxNetworkRetries: options.maxNetworkRetries ?? 2,
      timeout: options.timeoutMs ?? 20_000,
      telemetry: false,
      appInfo: { name: 'salle-sur-demande-payment' },
      ...(options.sandbox
        ? { host: options.sandbox.host, port: options.sandbox.port, protocol: options.sandbox.protocol }
        : {}),
    }));
  const tolerance = options.toleranceSeconds ?? 300;

  return {
    name: 'stripe',

    async createPayoutAccount({ establishmentId, displayName, email }, idempotencyKey) {
      const account = await call(() =>
        stripe().accounts.create(
          {
            country: 'FR',
            ...(email ? { email } : {}),
            business_type: 'government_entity',
            business_profile: { name: displayName },
            controller: {
              fees: { payer: 'application' },
              losses: { payments: 'application' },
              requirement_collection: 'stripe',
              stripe_dashboard: { type: 'express' },
            },
            capabilities: { transfers: { requested: true } },
            metadata: { establishment_id: establishmentId },
          },
          { idempotencyKey },
        ),
      );
      return toPayoutAccount(account);
    },

    async getPayoutAccount(accountId) {
      return toPayoutAccount(await call(() => stripe().accounts.retrieve(accountId)));
    },

    async createOnboardingLink({ accountId, refreshUrl, returnUrl }) {
      const link = await call(() =>
        stripe().accountLinks.create({
          account: accountId,
          type: 'account_onboarding',
          refresh_url: refreshUrl,
          return_url: returnUrl,
        }),
      );
      return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
    },

    async createCheckout(request: CheckoutRequest, idempotencyKey: string) {
      const reference = request.bookingId ?? request.periodReference ?? request.paymentId;
      const metadata: Record<string, string> = request.bookingId
        ? { booking_id: request.bookingId, payment_id: request.paymentId }
        : { period: reference, payment_id: request.paymentId };
      const lines = request.lines ?? [{ label: request.label, amountCents: request.amountCents }];
      const session = await call(() =>
        stripe().checkout.sessions.create(
          {
            mode: 'payment',
            locale: 'fr',
            line_items: lines.map((line) => ({
              quantity: 1,
              price_data: { currency: 'eur', unit_amount: line.amountCents, product_data: { name: line.label } },
            })),
            payment_intent_data: {
              application_fee_amount: request.applicationFeeCents,
              transfer_data: { destination: request.destinationAccountId },
              transfer_group: request.bookingId ? `booking:${request.bookingId}` : reference,
              description: request.label,
              metadata,
            },
            client_reference_id: reference,
            metadata,
            expires_at: Math.floor(request.expiresAt.getTime() / 1000),
            success_url: request.successUrl,
            cancel_url: request.cancelUrl,
          },
          { idempotencyKey },
        ),
      );
      return toCheckoutState(session);
    },

    async getCheckout(checkoutId) {
      return toCheckoutState(
        await call(() => stripe().checkout.sessions.retrieve(checkoutId, { expand: SESSION_EXPANSIONS })),
      );
    },

    async expireCheckout(checkoutId) {
      try {
        return toCheckoutState(await stripe().checkout.sessions.expire(checkoutId, { expand: SESSION_EXPANSIONS }));
      } catch (error) {
        // Already completed or expired: the payment (or the earlier expiry) wins; report where it stands.
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode !== 404) {
          return toCheckoutState(
            await call(() => stripe().checkout.sessions.retrieve(checkoutId, { expand: SESSION_EXPANSIONS })),
          );
        }
        throw providerError(error);
      }
    },

    async refund(request, idempotencyKey) {
      const refund = await call(() =>
        stripe().refunds.create(
          {
            payment_intent: request.paymentReference,
            amount: request.amountCents,
            reverse_transfer: request.reverseTransfer,
            refund_application_fee: request.refundApplicationFee,
            reason: 'requested_by_customer',
            metadata: request.metadata,
          },
          { idempotencyKey },
        ),
      );
      return toRefund(refund);
    },

    async getChargeMovements(chargeId): Promise<ChargeMovements> {
      const charge = await call(() =>
        stripe().charges.retrieve(chargeId, { expand: ['refunds', 'transfer', 'application_fee'] }),
      );
      const transfer = typeof charge.transfer === 'object' ? charge.transfer : null;
      const fee = typeof charge.application_fee === 'object' ? charge.application_fee : null;
      return {
        chargeId: charge.id,
        paymentReference:
          typeof charge.payment_intent === 'string' ? charge.payment_intent : (charge.payment_intent?.id ?? null),
        grossCents: charge.amount,
        refunds: (charge.refunds?.data ?? []).map(toRefund),
        transferReversals: (transfer?.reversals?.data ?? []).map(toMovement),
        applicationFeeRefunds: (fee?.refunds?.data ?? []).map(toMovement),
      };
    },

    async listPayoutItems(accountId, payoutId) {
      const items: PayoutItem[] = [];
      await call(async () => {
        for await (const txn of stripe().balanceTransactions.list(
          { payout: payoutId, limit: 100 },
          { stripeAccount: accountId },
        )) {
          if (txn.type === 'payout') continue;
          items.push({
            transactionId: txn.id,
            sourceObjectId: typeof txn.source === 'string' ? txn.source : (txn.source?.id ?? txn.id),
            type: txn.type,
            netCents: txn.net,
          });
        }
      });
      return items;
    },

    verifyWebhook(rawBody, signature) {
      if (!signature) throw new WebhookSignatureError('missing Stripe-Signature header');
      let lastError: unknown;
      for (const secret of options.webhookSecrets) {
        try {
          const event = stripe().webhooks.constructEvent(rawBody, signature, secret, tolerance);
          return {
            id: event.id,
            type: event.type,
            accountId: event.account ?? null,
            livemode: event.livemode,
            apiVersion: event.api_version ?? null,
            createdAt: new Date(event.created * 1000),
            payload: event,
          } satisfies ProviderEventEnvelope;
        } catch (error) {
          lastError = error;
        }
      }
      throw new WebhookSignatureError((lastError as Error)?.message ?? 'no webhook secret configured');
    },

    interpret(envelope) {
      return interpretEvent(envelope.payload as Stripe.Event, envelope.accountId);
    },

    async listRecentEvents(since, accountId) {
      const found: ProviderEventEnvelope[] = [];
      // A connected account's events are listed with the Stripe-Account header, as its own API calls are.
      const scope = accountId ? { stripeAccount: accountId } : undefined;
      await call(async () => {
        for await (const event of stripe().events.list(
          { created: { gte: Math.floor(since.getTime() / 1000) }, limit: 100 },
          scope,
        )) {
          found.push({
            id: event.id,
            type: event.type,
            accountId: event.account ?? accountId ?? null,
            livemode: event.livemode,
            apiVersion: event.api_version ?? null,
            createdAt: new Date(event.created * 1000),
            payload: event,
          });
          if (found.length >= MAX_CATCH_UP_EVENTS) break;
        }
      });
      return found;
    },
  };
}
