import { createLogger, exitOnSignals } from '@salle/runtime';
import { payfipSandboxConfig } from './config';
import { SANDBOX_WARNING, startPayfipSandbox } from './payfip-sandbox';

const config = payfipSandboxConfig.load();
const logger = createLogger({ service: 'payfip-sandbox', level: config.LOG_LEVEL });

async function main(): Promise<void> {
  process.stderr.write(`${SANDBOX_WARNING}\n`);
  const sandbox = await startPayfipSandbox({
    host: config.PAYFIP_SANDBOX_HOST,
    port: config.PAYFIP_SANDBOX_PORT,
    clients: config.PAYFIP_SANDBOX_CLIENTS,
    notifications: {
      mode: config.PAYFIP_SANDBOX_NOTIFY,
      delayMs: config.PAYFIP_SANDBOX_NOTIFY_DELAY_MS,
      method: config.PAYFIP_SANDBOX_NOTIFY_METHOD,
    },
    debitSettlementMs: Math.round(config.PAYFIP_SANDBOX_DEBIT_SETTLEMENT_DAYS * 86_400_000),
    logger,
  });
  logger.warn(
    { url: sandbox.url, notifications: config.PAYFIP_SANDBOX_NOTIFY },
    'PAYFIP SANDBOX listening: this is not PayFiP, no money moves',
  );
  exitOnSignals([{ name: 'payfip sandbox', run: () => sandbox.close() }], logger);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'payfip sandbox failed to start');
  process.exit(1);
});
