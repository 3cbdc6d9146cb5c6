import { createLogger, exitOnSignals } from '@salle/runtime';
import { identitySandboxConfig, type IdentitySandboxConfig } from './config';
import { startIdentitySandbox } from './identity-sandbox';

const config: IdentitySandboxConfig = identitySandboxConfig.load();
const logger = createLogger({ service: 'identity-sandbox', level: config.LOG_LEVEL });

async function main(): Promise<void> {
  const sandbox = await startIdentitySandbox({
    host: config.IDENTITY_SANDBOX_HOST,
    port: config.IDENTITY_SANDBOX_PORT,
    publicUrl: config.IDENTITY_SANDBOX_URL,
    franceconnectClients: [
      {
        clientId: config.IDENTITY_SANDBOX_FRANCECONNECT_CLIENT_ID,
        clientSecret: config.IDENTITY_SANDBOX_FRANCECONNECT_CLIENT_SECRET,
        redirectUris: config.IDENTITY_SANDBOX_FRANCECONNECT_REDIRECT_URIS,
        postLogoutRedirectUris: config.IDENTITY_SANDBOX_FRANCECONNECT_POST_LOGOUT_REDIRECT_URIS,
        clientName: 'Salle sur demande',
      },
    ],
    proconnectClients: [
      {
        clientId: config.IDENTITY_SANDBOX_PROCONNECT_CLIENT_ID,
        clientSecret: config.IDENTITY_SANDBOX_PROCONNECT_CLIENT_SECRET,
        redirectUris: config.IDENTITY_SANDBOX_PROCONNECT_REDIRECT_URIS,
        postLogoutRedirectUris: config.IDENTITY_SANDBOX_PROCONNECT_POST_LOGOUT_REDIRECT_URIS,
        clientName: 'Salle sur demande',
      },
    ],
    subjectSecret: config.IDENTITY_SANDBOX_SUBJECT_SECRET,
    signingKeys: config.IDENTITY_SANDBOX_JWKS,
    slowResponseMs: config.IDENTITY_SANDBOX_SLOW_MS,
    logger,
  });
  logger.info({ url: sandbox.url, issuers: sandbox.issuers }, 'identity sandbox listening');
  exitOnSignals([{ name: 'http server', run: () => sandbox.close() }], logger);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'identity sandbox failed to start');
  process.exit(1);
});
