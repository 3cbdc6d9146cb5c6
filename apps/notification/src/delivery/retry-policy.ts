/** How a failed attempt is followed up. */
export interface RetryPolicy {
  maxAttempts: number;
  initialMs: number;
  maxMs: number;
}

/** What an SMTP client error says about trying again. */
export interface SendFailure {
  /** The SMTP reply code when the server answered (4xx temporary, 5xx permanent); undefined for a connection failure. */
  responseCode?: number;
  message: string;
}

/**
 * The delay before the next attempt, or null to give up: a 5xx answer is
 * permanent (the server refused this message, it would refuse it again);
 * a 4xx answer or no answer at all (server down, timeout) is retried with
 * exponential backoff until `maxAttempts` attempts were made.
 */
export function nextAttemptDelay(
  failure: SendFailure,
  attemptsMade: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  if (failure.responseCode !== undefined && failure.responseCode >= 500) return null;
  if (attemptsMade >= policy.maxAttempts) return null;
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** (attemptsMade - 1));
  // Up to a fifth of jitter, so that replicas that failed together do not all come back at once.
  return Math.round(base * (1 + random() * 0.2));
}

/** One line for the send log: the reply code when there is one, and the message. */
export function describeFailure(failure: SendFailure): string {
  return failure.responseCode !== undefined ? `SMTP ${failure.responseCode}: ${failure.message}` : failure.message;
}
