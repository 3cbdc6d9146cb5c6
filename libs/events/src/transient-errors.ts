import { postgresErrorCode } from '@salle/db';

const TRANSIENT_CODES = new Set([
  // Node socket errors
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  // PostgreSQL: shutdown, too many connections, cannot connect now, connection failures
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

const TRANSIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection is closed',
];

/**
 * Failures of the database itself rather than of the handler's logic: they
 * must not spend an event's attempts (an outage would dead-letter everything).
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = postgresErrorCode(error) ?? (error as { driverError?: { code?: string } })?.driverError?.code;
  if (code && TRANSIENT_CODES.has(code)) return true;
  const message = (error as Error)?.message ?? '';
  return TRANSIENT_MESSAGES.some((fragment) => message.includes(fragment));
}
