/** How a failed attempt is followed up. */
export interface RetryPolicy {
  maxAttempts: number;
  initialMs: number;
  maxMs: number;
}

/** What a failed send says about trying again. */
export interface SendFailure {
  /** The reply code when the server answered (SMTP: 4xx temporary, 5xx permanent); undefined for a connection failure. */
  responseCode?: number;
  message: string;
  /** Who answered, named in the send log; SMTP when not said. */
  protocol?: 'SMTP' | 'OVH';
  /** Set by a sender whose protocol is not SMTP's: whether this answer would come again for this message. */
  permanent?: boolean;
}

/** What a sender (SMTP, SMS provider) says of one attempt. */
export type SendOutcome =
  | {
      ok: true;
      response: string;
      /** The provider's id of the message, which its delivery reports name (an OVHcloud SMS id). */
      providerId?: string;
    }
  | { ok: false; failure: SendFailure };

/**
 * The delay before the next attempt, or null to give up: a permanent answer
 * (SMTP 5xx, or what the sender says is one) fails the message at once, since
 * the server would refuse it again; a temporary answer or none at all
 * (server down, timeout) is retried with
 * exponential backoff until `maxAttempts` attempts were made.
 */
export function nextAttemptDelay(
  failure: SendFailure,
  attemptsMade: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  const permanent = failure.permanent ?? (failure.responseCode !== undefined && failure.responseCode >= 500);
  if (permanent) return null;
  if (attemptsMade >= policy.maxAttempts) return null;
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** (attemptsMade - 1));
  // Up to a fifth of jitter, so that replicas that failed together do not all come back at once.
  return Math.round(base * (1 + random() * 0.2));
}

/** One line for the send log: the reply code when there is one, and the message. */
export function describeFailure(failure: SendFailure): string {
  return failure.responseCode !== undefined
    ? `${failure.protocol ?? 'SMTP'} ${failure.responseCode}: ${failure.message}`
    : failure.message;
}
