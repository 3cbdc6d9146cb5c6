import { QueryFailedError } from 'typeorm';

/** The SQLSTATE of a failed query, when the error comes from PostgreSQL. */
export function postgresErrorCode(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { code?: string }).code;
  return (error as { code?: unknown })?.code && typeof (error as { code: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined;
}

export const isUniqueViolation = (error: unknown) => postgresErrorCode(error) === '23505';
/** Deadlock or serialization failure: the transaction lost a race and may simply be run again. */
export const isTransientConflict = (error: unknown) => ['40P01', '40001'].includes(postgresErrorCode(error) ?? '');
export const isExclusionViolation = (error: unknown) => postgresErrorCode(error) === '23P01';

// SQLSTATE classes meaning the server is going away or refusing connections.
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT/,
];

/**
 * The database could not be reached or had no connection to spare: the
 * request may succeed if retried, so callers answer 503, not 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = postgresErrorCode(error);
  if (code && UNAVAILABLE_STATES.has(code)) return true;
  const message = error instanceof Error ? `${error.message} ${(error as { cause?: Error }).cause?.message ?? ''}` : '';
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(`${message} ${code ?? ''}`));
}

/**
 * Runs `work` (a whole transaction) again when PostgreSQL aborted it to break
 * a deadlock or a serialization conflict. Concurrent inserts that collide on
 * an exclusion constraint can deadlock instead of raising 23P01: the retry
 * then sees the committed row and fails with the real reason.
 */
export async function retryTransientConflicts<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransientConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
