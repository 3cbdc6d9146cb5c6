import type { RequestHandler } from 'express';
import { withTimeout } from '@salle/runtime';

export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency answers; rejects (or hangs) when it does not. */
  check: () => Promise<unknown>;
}

export const liveness: RequestHandler = (_req, res) => {
  res.json({ status: 'alive' });
};

/**
 * `/readyz`: 200 when every dependency answers within the timeout, 503
 * otherwise. Checked on each call, so it recovers by itself when a
 * dependency comes back.
 */
export function readiness(checks: ReadinessCheck[], timeoutMs = 1_000): RequestHandler {
  return async (_req, res) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), timeoutMs, `${name} did not answer within ${timeoutMs} ms`);
          return [name, 'up'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
    const ready = results.every(([, state]) => state === 'up');
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(results) });
  };
}
