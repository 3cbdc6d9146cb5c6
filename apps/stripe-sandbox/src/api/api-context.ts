import type { Accounts } from '../engine/accounts';
import type { BalanceLedger } from '../engine/balance-ledger';
import type { Checkout } from '../engine/checkout';
import type { EventLog } from '../engine/event-log';
import type { Money } from '../engine/money';
import type { SandboxStore } from '../engine/sandbox-store';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import type { FaultSwitches } from './fault-switches';
import type { IdempotencyCache } from './idempotency-cache';
import type { RequestRecorder } from './request-recorder';

/** Everything the sandbox's routes work with. */
export interface SandboxParts {
  store: SandboxStore;
  events: EventLog;
  accounts: Accounts;
  checkout: Checkout;
  money: Money;
  balance: BalanceLedger;
  dispatcher: WebhookDispatcher;
  faults: FaultSwitches;
  idempotency: IdempotencyCache;
  recorder: RequestRecorder;
  apiVersion: string;
  /** True for an API key this sandbox accepts. */
  acceptsKey(key: string): boolean;
  /** Runs `task` later (SEPA settlement, pending refunds), cancelled when the sandbox closes. */
  later(delayMs: number, task: () => void): void;
  sepaDelayMs: number;
}

/** Who calls and how, read once per API request. */
export interface ApiCall {
  requestId: string;
  apiKey: string;
  /** `Stripe-Account`: the connected account the call acts on. */
  account: string | null;
  idempotencyKey: string | null;
}
