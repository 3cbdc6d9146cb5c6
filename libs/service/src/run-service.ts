import { exitOnSignals, type Logger } from '@salle/runtime';
import { migrateService, startService, StartupError, type ServiceOptions } from './start-service';

/**
 * The `main()` of every service: start, stop gracefully on SIGTERM/SIGINT
 * within 10 s, and turn a start-up failure into one clear line and exit 1.
 * With the argument `migrate` (`node dist/main.js migrate`), it applies the
 * pending migrations and exits 0 instead: a deployment's migration job.
 */
export async function runService(options: ServiceOptions, args: string[] = process.argv.slice(2)): Promise<void> {
  const logger: Logger = options.logger;
  try {
    if (args[0] === 'migrate') {
      const applied = await migrateService(options);
      logger.info({ count: applied.length }, 'migrations done');
      process.exit(0);
    }
    const service = await startService(options);
    exitOnSignals([{ name: options.name, run: () => service.stop() }], logger, 10_000);
  } catch (error) {
    if (error instanceof StartupError) {
      logger.fatal(error.message);
      process.stderr.write(`${options.name} cannot start: ${error.message}\n`);
    } else {
      logger.fatal({ err: error }, 'start-up failed');
      process.stderr.write(`${options.name} cannot start: ${(error as Error).message}\n`);
    }
    process.exit(1);
  }
}
