import { createLogger, exitOnSignals } from '@salle/runtime';
import { stripeSandboxConfig } from './config';
import { SANDBOX_WARNING, startStripeSandbox } from './stripe-sandbox';

const config = stripeSandboxConfig.load();
const logger = createLogger({ service: 'stripe-sandbox', level: config.LOG_LEVEL });

async function main(): Promise<void> {
  process.stderr.write(`${SANDBOX_WARNING}\n`);
  const platformUrl = config.STRIPE_SANDBOX_WEBHOOK_URL;
  const sandbox = await startStripeSandbox({
    host: config.STRIPE_SANDBOX_HOST,
    port: config.STRIPE_SANDBOX_PORT,
    publicUrl: config.STRIPE_SANDBOX_URL || undefined,
    secretKey: config.STRIPE_SANDBOX_SECRET_KEY || undefined,
    webhookEndpoints: [
      { url: platformUrl, secret: config.STRIPE_SANDBOX_WEBHOOK_SECRET, connect: false },
      {
        url: config.STRIPE_SANDBOX_CONNECT_WEBHOOK_URL || platformUrl,
        secret: config.STRIPE_SANDBOX_CONNECT_WEBHOOK_SECRET,
        connect: true,
      },
    ],
    webhookRetryDelaysMs: config.STRIPE_SANDBOX_WEBHOOK_RETRY_DELAYS_MS,
    duplicateDeliveries: config.STRIPE_SANDBOX_DUPLICATE_DELIVERIES,
    reorderDeliveries: config.STRIPE_SANDBOX_REORDER_DELIVERIES,
    failureRate: config.STRIPE_SANDBOX_FAILURE_RATE,
    sepaDelayMs: config.STRIPE_SANDBOX_SEPA_DELAY_MS,
    logger,
  });
  logger.warn(
    { url: sandbox.url, webhooks: platformUrl || 'disabled' },
    'STRIPE SANDBOX listening: this is not Stripe, no money moves',
  );
  exitOnSignals([{ name: 'stripe sandbox', run: () => sandbox.close() }], logger);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'stripe sandbox failed to start');
  process.exit(1);
});
