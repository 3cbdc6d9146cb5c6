import { createLogger, exitOnSignals } from '@salle/runtime';
import { mailSandboxConfig } from './config';
import { SANDBOX_WARNING, startMailSandbox } from './mail-sandbox';

const config = mailSandboxConfig.load();
const logger = createLogger({ service: 'mail-sandbox', level: config.LOG_LEVEL });

async function main(): Promise<void> {
  process.stderr.write(`${SANDBOX_WARNING}\n`);
  const sandbox = await startMailSandbox({
    host: config.MAIL_SANDBOX_HOST,
    port: config.MAIL_SANDBOX_PORT,
    smtpPort: config.MAIL_SANDBOX_SMTP_PORT,
    capacity: config.MAIL_SANDBOX_CAPACITY,
    logger,
  });
  logger.warn(
    { inbox: sandbox.url, smtp: sandbox.smtpUrl },
    'MAIL SANDBOX listening: nothing is delivered, open the inbox to read the messages',
  );
  exitOnSignals([{ name: 'mail sandbox', run: () => sandbox.close() }], logger);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'mail sandbox failed to start');
  process.exit(1);
});
