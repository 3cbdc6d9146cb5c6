import { z } from 'zod';
import type { WebhookFaults } from '../webhooks/webhook-dispatcher';

export const apiFaultSchema = z.object({
  method: z.enum(['GET', 'POST']).optional(),
  /** Matches request paths starting with it, e.g. /v1/checkout/sessions. */
  path: z.string().startsWith('/v1/'),
  /** How many matching requests it hits. */
  times: z.number().int().min(1).max(1000).default(1),
  /**
   * `error`: answer `status` before running the request (nothing happens);
   * `drop_response`: run the request, keep its idempotent result, then cut the
   * connection before answering; `reset`: cut the connection before running;
   * `delay`: hold the request `delayMs` while it counts as in flight.
   */
  kind: z.enum(['error', 'drop_response', 'reset', 'delay']).default('error'),
  status: z.number().int().min(400).max(599).default(500),
  delayMs: z.number().int().min(0).max(60_000).default(0),
});
export type ApiFault = z.infer<typeof apiFaultSchema>;

export const faultSettingsSchema = z.strictObject({
  api: z.array(apiFaultSchema).max(100).optional(),
  /** Share of API requests answered by an injected 500 before they run. */
  failureRate: z.number().min(0).max(1).optional(),
  webhooks: z
    .strictObject({
      duplicates: z.number().int().min(1).max(20).optional(),
      reorder: z.boolean().optional(),
      reorderWindowMs: z.number().int().min(10).max(10_000).optional(),
      suppress: z.boolean().optional(),
    })
    .optional(),
});
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

/** The fault switches of the sandbox: set at start from the environment, changed at run time by POST /_sandbox/faults. */
export class FaultSwitches {
  private api: ApiFault[] = [];
  private failureRate: number;
  private webhookFaults: WebhookFaults;

  constructor(private readonly defaults: { failureRate: number; webhooks: WebhookFaults }) {
    this.failureRate = defaults.failureRate;
    this.webhookFaults = { ...defaults.webhooks };
  }

  update(settings: FaultSettings): void {
    if (settings.api) this.api.push(...settings.api);
    if (settings.failureRate !== undefined) this.failureRate = settings.failureRate;
    if (settings.webhooks) this.webhookFaults = { ...this.webhookFaults, ...settings.webhooks };
  }

  reset(): void {
    this.api = [];
    this.failureRate = this.defaults.failureRate;
    this.webhookFaults = { ...this.defaults.webhooks };
  }

  /** The fault to apply to this request, if any (each rule hits `times` requests). */
  take(method: string, path: string): ApiFault | undefined {
    const index = this.api.findIndex(
      (fault) => (!fault.method || fault.method === method) && path.startsWith(fault.path),
    );
    if (index >= 0) {
      const fault = this.api[index];
      fault.times -= 1;
      if (fault.times <= 0) this.api.splice(index, 1);
      return fault;
    }
    if (this.failureRate > 0 && Math.random() < this.failureRate)
      return { path, times: 1, kind: 'error', status: 500, delayMs: 0 };
    return undefined;
  }

  webhooks(): WebhookFaults {
    return this.webhookFaults;
  }

  snapshot() {
    return { api: this.api, failureRate: this.failureRate, webhooks: this.webhookFaults };
  }
}
