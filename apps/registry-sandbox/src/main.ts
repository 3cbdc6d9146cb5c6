import { createLogger, exitOnSignals } from '@salle/runtime';
import { registrySandboxConfig } from './config';
import { SANDBOX_WARNING, startRegistrySandbox } from './registry-sandbox';

const config = registrySandboxConfig.load();
const logger = createLogger({ service: 'registry-sandbox', level: config.LOG_LEVEL });

async function main(): Promise<void> {
  process.stderr.write(`${SANDBOX_WARNING}\n`);
  const sandbox = await startRegistrySandbox({
    host: config.REGISTRY_SANDBOX_HOST,
    port: config.REGISTRY_SANDBOX_PORT,
    logger,
  });
  logger.warn({ url: sandbox.url }, 'REGISTRY SANDBOX listening: fictitious organisations only');
  exitOnSignals([{ name: 'registry sandbox', run: () => sandbox.close() }], logger);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'registry sandbox failed to start');
  process.exit(1);
});
