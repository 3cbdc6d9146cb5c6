import { render } from './render';
import type { SandboxStore, StripeObject } from './sandbox-store';

/** The API request that caused an event, as Stripe reports it in `event.request`. */
export interface RequestContext {
  id: string;
  idempotencyKey: string | null;
}

export interface EmitOptions {
  /** The connected account the event happened on (Connect events). */
  account?: string | null;
  previous?: Record<string, unknown>;
  request?: RequestContext | null;
}

export type EventListener = (event: StripeObject) => void;

/**
 * Every event the sandbox emitted, in order. Each carries a snapshot of its
 * object taken when it happened, as Stripe's events do, so a late or
 * replayed delivery shows the state of that moment.
 */
export class EventLog {
  private readonly events: StripeObject[] = [];
  private readonly listeners: EventListener[] = [];

  constructor(
    private readonly store: SandboxStore,
    private readonly apiVersion: string,
  ) {}

  onEvent(listener: EventListener): void {
    this.listeners.push(listener);
  }

  emit(type: string, object: StripeObject, options: EmitOptions = {}): StripeObject {
    const snapshot = JSON.parse(JSON.stringify(render(this.store, object))) as Record<string, unknown>;
    const event: StripeObject = {
      id: this.store.newId('evt'),
      object: 'event',
      api_version: this.apiVersion,
      created: this.store.now(),
      data: { object: snapshot, ...(options.previous ? { previous_attributes: options.previous } : {}) },
      livemode: false,
      pending_webhooks: 0,
      request: { id: options.request?.id ?? null, idempotency_key: options.request?.idempotencyKey ?? null },
      type,
      ...(options.account ? { account: options.account } : {}),
    };
    this.store.put(event, options.account ?? null);
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** Newest first, like the API lists them. */
  newestFirst(account: string | null): StripeObject[] {
    return this.events.filter((event) => (event['account'] ?? null) === account).reverse();
  }
}
