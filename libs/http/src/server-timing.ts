import type { RequestHandler } from 'express';
import responseTime from 'response-time';

/**
 * `Server-Timing: app;dur=<ms>` on every answer: the time from the request reaching the app to its headers
 * being written, measured by the server (response-time, on the headers' way out). Benchmarks read the
 * server's own time from it, apart from their client's; browsers' developer tools show it. Through the
 * gateway, the gateway's own time replaces the service's (the header is set once more on the way out).
 */
export const serverTiming: RequestHandler = responseTime((_req, res, milliseconds) => {
  res.setHeader('Server-Timing', `app;dur=${milliseconds.toFixed(2)}`);
});

/** The `app` duration of a `Server-Timing` header, in milliseconds; null when absent or malformed. */
export function serverTimingOf(header: string | null): number | null {
  const match = /(?:^|,)\s*app;dur=(\d+(?:\.\d+)?)/.exec(header ?? '');
  return match ? Number(match[1]) : null;
}
