/** How long Stripe keeps idempotency keys (then the same key creates a new object). */
const RETENTION_MS = 24 * 60 * 60 * 1000;

interface Entry {
  fingerprint: string;
  inFlight: boolean;
  requestId: string;
  status?: number;
  body?: unknown;
  storedAt: number;
}

export type IdempotencyDecision =
  | { kind: 'execute' }
  | { kind: 'replay'; status: number; body: unknown; originalRequest: string }
  | { kind: 'mismatch' }
  | { kind: 'in_flight' };

/**
 * Stripe's idempotency semantics: the first result of a key is kept and
 * replayed for later requests with the same parameters; other parameters get
 * an `idempotency_error`; a request racing one still running gets a 409.
 * Results are kept only for requests that executed and succeeded: a
 * validation failure or an injected fault leaves nothing behind.
 */
export class IdempotencyCache {
  private readonly entries = new Map<string, Entry>();

  begin(scope: string, fingerprint: string, requestId: string): IdempotencyDecision {
    this.prune();
    const entry = this.entries.get(scope);
    if (!entry) {
      this.entries.set(scope, { fingerprint, inFlight: true, requestId, storedAt: Date.now() });
      return { kind: 'execute' };
    }
    if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (entry.inFlight) return { kind: 'in_flight' };
    return { kind: 'replay', status: entry.status ?? 200, body: entry.body, originalRequest: entry.requestId };
  }

  complete(scope: string, status: number, body: unknown): void {
    const entry = this.entries.get(scope);
    if (!entry) return;
    entry.inFlight = false;
    entry.status = status;
    entry.body = body;
    entry.storedAt = Date.now();
  }

  abandon(scope: string): void {
    const entry = this.entries.get(scope);
    if (entry?.inFlight) this.entries.delete(scope);
  }

  private prune(): void {
    const limit = Date.now() - RETENTION_MS;
    for (const [scope, entry] of this.entries)
      if (!entry.inFlight && entry.storedAt < limit) this.entries.delete(scope);
  }
}

/** Same method, path and parameters (key order aside) give the same fingerprint. */
export function fingerprintOf(method: string, path: string, params: unknown): string {
  return `${method} ${path} ${stableJson(params)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
