import { lowerCpuPriority, type Logger } from '@salle/runtime';

/**
 * The niceness notification runs at: sending is background work that can wait milliseconds, while a person waits
 * for each booking request. Where the services share CPUs (one machine, `npm start`, a small VM), the kernel then
 * serves the interactive services first; with CPUs of its own, it changes nothing. Measured with the notification
 * bench: booking p50 7 → 10 ms during 200 msg/s at niceness 0, 7 → 7 ms at 10 (tools/bench/README.md).
 */
export const NOTIFICATION_NICENESS = 10;

/**
 * Lowers this process's CPU priority, all its threads (always allowed: only raising it needs privileges); says so
 * if it cannot.
 */
export function yieldCpuToInteractiveServices(logger: Pick<Logger, 'warn'>): void {
  try {
    lowerCpuPriority(NOTIFICATION_NICENESS);
  } catch (error) {
    logger.warn({ err: error }, 'could not lower the CPU priority: notification competes with booking requests');
  }
}
