import { createLogger, exitOnSignals } from '@salle/runtime';
import { smsSandboxConfig } from './config';
import { SANDBOX_WARNING, startSmsSandbox } from './sms-sandbox';

const config = smsSandboxConfig.load();
const logger = createLogger({ service: 'sms-sandbox', level: config.LOG_LEVEL });

async function main(): Promise<void> {
  process.stderr.write(`${SANDBOX_WARNING}\n`);
  const sandbox = await startSmsSandbox({
    host: config.SMS_SANDBOX_HOST,
    port: config.SMS_SANDBOX_PORT,
    credentials: {
      applicationKey: config.SMS_SANDBOX_APPLICATION_KEY,
      applicationSecret: config.SMS_SANDBOX_APPLICATION_SECRET,
      consumerKey: config.SMS_SANDBOX_CONSUMER_KEY,
    },
    serviceName: config.SMS_SANDBOX_SERVICE_NAME,
    capacity: config.SMS_SANDBOX_CAPACITY,
    callbackUrl: config.SMS_SANDBOX_CALLBACK_URL ?? null,
    logger,
  });
  logger.warn(
    { inbox: sandbox.url, api: sandbox.apiUrl },
    'SMS SANDBOX listening: nothing is sent, open the inbox to read the SMS',
  );
  exitOnSignals([{ name: 'sms sandbox', run: () => sandbox.close() }], logger);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'sms sandbox failed to start');
  process.exit(1);
});
