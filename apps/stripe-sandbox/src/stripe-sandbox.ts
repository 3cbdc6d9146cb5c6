import express from 'express';
import { STRIPE_API_VERSION } from '@salle/contracts';
import { createHttpApp, startHttpServer } from '@salle/http';
import { createLogger, warningBanner, type Logger } from '@salle/runtime';
import type { SandboxParts } from './api/api-context';
import { FaultSwitches } from './api/fault-switches';
import { IdempotencyCache } from './api/idempotency-cache';
import { RequestRecorder } from './api/request-recorder';
import { stripeApiRoutes } from './api/stripe-api.routes';
import { controlRoutes } from './control/control.routes';
import { Accounts } from './engine/accounts';
import { BalanceLedger } from './engine/balance-ledger';
import { Checkout } from './engine/checkout';
import { EventLog } from './engine/event-log';
import { Money } from './engine/money';
import { SandboxStore } from './engine/sandbox-store';
import { pageRoutes } from './pages/pages.routes';
import { WebhookDispatcher, type WebhookEndpoint } from './webhooks/webhook-dispatcher';

export interface StripeSandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 3004; 0 picks a free port (tests). */
  port?: number;
  /** Where browsers reach the sandbox; default http://<host>:<port>. */
  publicUrl?: string;
  /** The only key accepted; by default any `sk_test_...` key. */
  secretKey?: string;
  /** Webhook endpoints: the platform one and the Connect one (empty url: not delivered). */
  webhookEndpoints?: WebhookEndpoint[];
  webhookRetryDelaysMs?: number[];
  duplicateDeliveries?: number;
  reorderDeliveries?: boolean;
  failureRate?: number;
  sepaDelayMs?: number;
  /** How often sessions whose hold elapsed are expired. */
  expirySweepMs?: number;
  logger?: Logger;
}

export interface StripeSandbox {
  url: string;
  parts: SandboxParts;
  close(): Promise<void>;
}

const WARNING_LINES = [
  'STRIPE SANDBOX: THIS IS NOT STRIPE.',
  'It imitates the few Stripe APIs the payment service uses, keeps',
  'everything in memory and moves no money. Development and tests only:',
  'never point a production deployment at it (set STRIPE_SECRET_KEY).',
];
export const SANDBOX_WARNING = warningBanner(WARNING_LINES);

/**
 * Starts the sandbox: the `/v1` API for the real `stripe` SDK, the hosted
 * checkout and onboarding pages, signed webhooks, and `/_sandbox` controls.
 */
export async function startStripeSandbox(options: StripeSandboxOptions = {}): Promise<StripeSandbox> {
  const logger = options.logger ?? createLogger({ service: 'stripe-sandbox', level: 'silent' });
  const host = options.host ?? '127.0.0.1';
  let publicUrl = options.publicUrl ?? '';
  const timers = new Set<NodeJS.Timeout>();

  const store = new SandboxStore();
  const events = new EventLog(store, STRIPE_API_VERSION);
  const balance = new BalanceLedger(store);
  const money = new Money(store, events, balance);
  // The public URL is known once listening when port 0 was asked for: links are built lazily.
  const accounts = new Accounts(store, events, () => publicUrl);
  const checkout = new Checkout(store, events, money, () => publicUrl);
  const faults = new FaultSwitches({
    failureRate: options.failureRate ?? 0,
    webhooks: {
      duplicates: options.duplicateDeliveries ?? 1,
      reorder: options.reorderDeliveries ?? false,
      suppress: false,
    },
  });
  const dispatcher = new WebhookDispatcher({
    endpoints: options.webhookEndpoints ?? [],
    retryDelaysMs: options.webhookRetryDelaysMs ?? [1_000, 5_000, 30_000, 120_000, 600_000],
    faults: () => faults.webhooks(),
    logger,
  });
  events.onEvent((event) => dispatcher.dispatch(event));

  const parts: SandboxParts = {
    store,
    events,
    accounts,
    checkout,
    money,
    balance,
    dispatcher,
    faults,
    idempotency: new IdempotencyCache(),
    recorder: new RequestRecorder(),
    apiVersion: STRIPE_API_VERSION,
    acceptsKey: (key) => (options.secretKey ? key === options.secretKey : /^(sk|rk)_test_\w+$/.test(key)),
    later(delayMs, task) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        try {
          task();
        } catch (error) {
          logger.error({ err: error }, 'sandbox task failed');
        }
      }, delayMs);
      timer.unref();
      timers.add(timer);
    },
    sepaDelayMs: options.sepaDelayMs ?? 10_000,
  };

  const app = createHttpApp({
    service: 'stripe-sandbox',
    logger,
    rawRoutes: (app) => {
      // Stripe's query strings use brackets (expand[0]=..., created[gt]=...).
      app.set('query parser', 'extended');
      app.use('/v1', stripeApiRoutes(parts));
      app.use(pageRoutes(parts));
    },
    routes: (app) => {
      app.use('/_sandbox', express.json(), controlRoutes(parts));
    },
  });
  const server = await startHttpServer(app, options.port ?? 3004, host);
  if (!publicUrl) publicUrl = server.url;

  const sweep = setInterval(() => checkout.expireDue(), options.expirySweepMs ?? 5_000);
  sweep.unref();

  return {
    url: server.url,
    parts,
    async close() {
      clearInterval(sweep);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      dispatcher.close();
      await server.close(1_000);
    },
  };
}
