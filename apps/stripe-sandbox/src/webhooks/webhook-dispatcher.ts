import type { Logger } from '@salle/runtime';
import type { StripeObject } from '../engine/sandbox-store';
import { stripeSignatureHeader } from './webhook-signature';

export interface WebhookEndpoint {
  url: string;
  secret: string;
  /** A Connect endpoint receives the events of connected accounts; a platform endpoint, the others. */
  connect: boolean;
}

/** Delivery faults, switchable at run time. */
export interface WebhookFaults {
  /** Each event is posted this many times (1 = normal). */
  duplicates: number;
  /** Events are held briefly and posted newest first. */
  reorder: boolean;
  /** How long reordered events are held (default 150 ms). */
  reorderWindowMs?: number;
  /** Events are recorded but not posted (a lost webhook: only listing the events finds them). */
  suppress: boolean;
}

export interface WebhookDispatcherOptions {
  endpoints: WebhookEndpoint[];
  retryDelaysMs: number[];
  faults: () => WebhookFaults;
  logger: Logger;
  timeoutMs?: number;
  /** How long reordered events are held before being posted in reverse order. */
  reorderWindowMs?: number;
}

interface Delivery {
  event: StripeObject;
  endpoint: WebhookEndpoint;
  attempt: number;
}

const REORDER_WINDOW_MS = 150;

/**
 * Posts each event to the endpoints it is for, signed per endpoint, and
 * retries on anything but a 2xx after the configured delays, as Stripe does
 * (over hours and days there; over seconds here by default).
 */
export class WebhookDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private held: Delivery[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private inFlight = 0;
  private delivered = 0;

  constructor(private readonly options: WebhookDispatcherOptions) {}

  get stats() {
    return { inFlight: this.inFlight, delivered: this.delivered, scheduled: this.timers.size + this.held.length };
  }

  dispatch(event: StripeObject): void {
    const connectEvent = typeof event['account'] === 'string';
    const endpoints = this.options.endpoints.filter((endpoint) => endpoint.connect === connectEvent && endpoint.url);
    event['pending_webhooks'] = endpoints.length;
    const faults = this.options.faults();
    if (faults.suppress) return;
    for (const endpoint of endpoints) {
      const delivery: Delivery = { event, endpoint, attempt: 1 };
      if (faults.reorder) this.hold(delivery);
      else void this.post(delivery, Math.max(1, faults.duplicates));
    }
  }

  /** Posts an event again (as the Dashboard's "resend" does). */
  resend(event: StripeObject): void {
    const connectEvent = typeof event['account'] === 'string';
    for (const endpoint of this.options.endpoints.filter((e) => e.connect === connectEvent && e.url)) {
      void this.post({ event, endpoint, attempt: 1 }, 1);
    }
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.held = [];
  }

  private hold(delivery: Delivery): void {
    this.held.push(delivery);
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(
      () => {
        this.flushTimer = undefined;
        const batch = this.held.reverse();
        this.held = [];
        void (async () => {
          // One after the other, newest first, so the receiver really sees them out of order.
          for (const item of batch) await this.post(item, Math.max(1, this.options.faults().duplicates));
        })();
      },
      this.options.faults().reorderWindowMs ?? this.options.reorderWindowMs ?? REORDER_WINDOW_MS,
    );
  }

  private async post(delivery: Delivery, copies: number): Promise<void> {
    let succeeded = false;
    for (let copy = 0; copy < copies; copy++) {
      succeeded = (await this.attempt(delivery)) || succeeded;
    }
    if (succeeded) {
      const pending = Number(delivery.event['pending_webhooks'] ?? 0);
      delivery.event['pending_webhooks'] = Math.max(0, pending - 1);
      return;
    }
    this.scheduleRetry(delivery);
  }

  private async attempt({ event, endpoint, attempt }: Delivery): Promise<boolean> {
    if (this.closed) return false;
    const payload = JSON.stringify(event, null, 2);
    this.inFlight++;
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': stripeSignatureHeader(payload, endpoint.secret),
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'cache-control': 'no-cache',
        },
        body: payload,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      this.options.logger.debug(
        { event: event.id, type: event['type'], url: endpoint.url, status: response.status, attempt },
        'webhook delivered',
      );
      if (ok) this.delivered++;
      return ok;
    } catch (error) {
      this.options.logger.debug(
        { event: event.id, url: endpoint.url, attempt, reason: (error as Error).message },
        'webhook delivery failed',
      );
      return false;
    } finally {
      this.inFlight--;
    }
  }

  private scheduleRetry(delivery: Delivery): void {
    const delay = this.options.retryDelaysMs[delivery.attempt - 1];
    if (delay === undefined || this.closed) {
      this.options.logger.warn(
        { event: delivery.event.id, url: delivery.endpoint.url },
        'webhook delivery abandoned after every retry',
      );
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.post({ ...delivery, attempt: delivery.attempt + 1 }, 1);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}
