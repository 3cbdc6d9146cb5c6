import type { DataSource } from 'typeorm';
import type { Registry } from 'prom-client';
import { Counter, Histogram } from 'prom-client';
import type { Logger } from '@salle/runtime';
import type { PaymentHandlers } from '../access/access-policy';
import { invalidSignature } from '../errors';
import { WebhookSignatureError, type PaymentProvider } from '../provider/payment-provider';
import { storeProviderEvent } from './provider-event-inbox';

export interface WebhookHandlerOptions {
  dataSource: DataSource;
  provider: PaymentProvider;
  logger: Logger;
  metricsRegistry?: Registry;
  /** Called after a new event was stored, to process it without waiting for the next poll. */
  onStored(): void;
}

/**
 * `POST /webhooks/stripe` (`stripeWebhook`): the raw body (never parsed before the signature
 * is checked), verified against every configured secret within the
 * tolerance, stored once, acknowledged. Processing happens afterwards.
 * A bad signature, a stale timestamp or a wrong secret is a 400 and changes nothing.
 */
export function webhookHandlers(options: WebhookHandlerOptions): Pick<PaymentHandlers, 'stripeWebhook'> {
  const registers = options.metricsRegistry ? [options.metricsRegistry] : [];
  const received = new Counter({
    name: 'payment_webhooks_received_total',
    help: 'Provider webhooks received, by outcome',
    labelNames: ['outcome'],
    registers,
  });
  const ackSeconds = new Histogram({
    name: 'payment_webhook_ack_seconds',
    help: 'Time from receiving a provider webhook to acknowledging it',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
    registers,
  });

  return {
    stripeWebhook: {
      access: 'provider',
      rawBody: { limit: '1mb' },
      handle: async ({ body: raw }, { request }) => {
        const body = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
        const stop = ackSeconds.startTimer();
        let envelope;
        try {
          envelope = options.provider.verifyWebhook(body, request.get('stripe-signature'));
        } catch (error) {
          if (error instanceof WebhookSignatureError) {
            received.inc({ outcome: 'refused' });
            options.logger.warn({ reason: error.message }, 'webhook refused: signature not verified');
            throw invalidSignature(error.message);
          }
          throw error;
        }
        const nothingToDo = options.provider.interpret(envelope).kind === 'ignored';
        // The verified body is stored as received (valid JSON: the signature check parsed it).
        const stored = await storeProviderEvent(options.dataSource, options.provider.name, envelope, {
          nothingToDo,
          rawJson: body.toString('utf8'),
        });
        received.inc({ outcome: stored ? 'stored' : 'duplicate' });
        stop();
        if (stored && !nothingToDo) options.onStored();
        return { received: true as const, duplicate: !stored };
      },
    },
  };
}
