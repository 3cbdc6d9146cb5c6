import { QueryFailedError } from 'typeorm';

/** The SQLSTATE of a failed query, when the error comes from PostgreSQL. */
export function postgresErrorCode(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { code?: string }).code;
  return (error as { code?: unknown })?.code && typeof (error as { code: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined;
}

export const isUniqueViolation = (error: unknown) => postgresErrorCode(error) === '23505';
export const isExclusionViolation = (error: unknown) => postgresErrorCode(error) === '23P01';

// SQLSTATE classes meaning the server is going away or refusing connections.
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_MESSAGES = [/timeout exceeded when trying to connect/i, /Connection terminated/i, /ECONNREFUSED|ECONNRESET|ETIMEDOUT/];

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
