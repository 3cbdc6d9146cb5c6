import type { Logger } from '@salle/runtime';
import { isTransientDatabaseError } from '../transient-errors';
import type { ConsumerMetrics, Delivery, Work } from './consumer-types';
import { INFRASTRUCTURE_RETRY_MS, type RetryScheduler } from './retry-scheduler';

export interface FailureDeps {
  group: string;
  maxAttempts: number;
  retries: RetryScheduler;
  deadLetter(delivery: Delivery, reason: string, label: string): Promise<void>;
  logger: Logger;
  metrics: ConsumerMetrics | undefined;
}

/** After a failed transaction: retry later (spending an attempt or not), or dead-letter. */
export function createFailureHandler(deps: FailureDeps): (work: Work, error: unknown) => Promise<void> {
  const { logger, retries } = deps;
  return async (work, error) => {
    const { delivery, envelope } = work;
    const reason = (error as Error)?.message ?? String(error);
    const context = { eventId: envelope.id, type: envelope.type, reason };
    if (isTransientDatabaseError(error)) {
      // PostgreSQL is away: not the event's fault, so no attempt is spent; reading pauses too.
      logger.warn(context, 'database unavailable, event will be retried');
      retries.later(delivery, INFRASTRUCTURE_RETRY_MS, false);
      retries.pauseReading(INFRASTRUCTURE_RETRY_MS);
      return;
    }
    if (delivery.attempt >= deps.maxAttempts) {
      await deps.deadLetter(delivery, `handler failed after ${delivery.attempt} attempts: ${reason}`, 'handler_failed');
      return;
    }
    const delay = retries.delayFor(delivery.attempt);
    logger.warn({ ...context, attempt: delivery.attempt, retryInMs: delay }, 'event handler failed, will retry');
    deps.metrics?.retried.inc({ stream: delivery.stream, group: deps.group, type: envelope.type });
    retries.later(delivery, delay, true);
  };
}
