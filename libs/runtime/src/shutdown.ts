import type { Logger } from 'pino';
import { withTimeout } from './retry';

export interface ShutdownStep {
  name: string;
  run: () => Promise<void>;
}

/**
 * Runs the steps in order (typically: stop accepting and finish in-flight
 * requests, stop background workers, close pools). Never throws: a failing
 * step is logged and the next one still runs.
 */
export async function runShutdown(steps: ShutdownStep[], logger: Logger): Promise<boolean> {
  let clean = true;
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      clean = false;
      logger.error({ err: error, step: step.name }, 'shutdown step failed');
    }
  }
  return clean;
}

/**
 * On SIGTERM or SIGINT, runs the steps within `timeoutMs` and exits: 0 when
 * everything closed cleanly in time, 1 otherwise. A second signal is ignored
 * while shutting down.
 */
export function exitOnSignals(steps: ShutdownStep[], logger: Logger, timeoutMs = 10_000): void {
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    withTimeout(runShutdown(steps, logger), timeoutMs, `shutdown took longer than ${timeoutMs} ms`)
      .then((clean) => {
        logger.info('stopped');
        process.exit(clean ? 0 : 1);
      })
      .catch((error: Error) => {
        logger.error({ err: error }, 'forced exit');
        process.exit(1);
      });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
