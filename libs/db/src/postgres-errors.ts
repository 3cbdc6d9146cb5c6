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
