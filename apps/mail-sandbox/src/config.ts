import { ConfigError, defineConfig, env, production } from '@salle/config';

export const mailSandboxConfig = defineConfig(
  {
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    MAIL_SANDBOX_HOST: env.text().default('127.0.0.1'),
    /** The web inbox and its JSON API. */
    MAIL_SANDBOX_PORT: env.port(3006),
    /** Where services send their messages (SMTP_URL=smtp://127.0.0.1:1025). */
    MAIL_SANDBOX_SMTP_PORT: env.port(1025),
    MAIL_SANDBOX_CAPACITY: env.positiveInt(20_000, 'messages kept in memory'),
  },
  refuseProduction,
);

/** It delivers nothing: a production notification service talks to a real relay. */
function refuseProduction(config: { NODE_ENV?: string }): (ConfigError | undefined)[] {
  if (!production.isProduction(config)) return [];
  return [
    new ConfigError(
      'NODE_ENV',
      'development or test: the mail-sandbox delivers nothing and refuses to start with NODE_ENV=production (set SMTP_URL in the notification service instead)',
      false,
    ),
  ];
}
