import { z } from 'zod';
import { ConfigError, defineConfig, env, production } from '@salle/config';

/**
 * The sandbox's API credentials and SMS account. The notification service's
 * defaults are the same values, so that `npm start` works with no setting;
 * production refuses them there.
 */
export const SANDBOX_CREDENTIALS = {
  applicationKey: 'sandbox-application-key',
  applicationSecret: 'sandbox-application-secret-not-for-production',
  consumerKey: 'sandbox-consumer-key',
  serviceName: 'sms-sandbox-1',
} as const;

export const smsSandboxConfig = defineConfig(
  {
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    SMS_SANDBOX_HOST: env.text().default('127.0.0.1'),
    /** The fake API (/1.0/...), the web inbox and its JSON API. */
    SMS_SANDBOX_PORT: env.port(3007),
    SMS_SANDBOX_APPLICATION_KEY: env.text().default(SANDBOX_CREDENTIALS.applicationKey),
    SMS_SANDBOX_APPLICATION_SECRET: env.text().default(SANDBOX_CREDENTIALS.applicationSecret),
    SMS_SANDBOX_CONSUMER_KEY: env.text().default(SANDBOX_CREDENTIALS.consumerKey),
    SMS_SANDBOX_SERVICE_NAME: z
      .string()
      .trim()
      .min(1)
      .default(SANDBOX_CREDENTIALS.serviceName)
      .describe('the SMS account name, e.g. sms-ab12345-1'),
    SMS_SANDBOX_CAPACITY: env.positiveInt(20_000, 'SMS kept in memory'),
    /** Where delivery reports go, as the callBack of an OVHcloud SMS account; empty: none. */
    SMS_SANDBOX_CALLBACK_URL: env.httpUrl().optional(),
  },
  refuseProduction,
);

/** It delivers nothing: a production notification service talks to OVHcloud. */
function refuseProduction(config: { NODE_ENV?: string }): (ConfigError | undefined)[] {
  if (!production.isProduction(config)) return [];
  return [
    new ConfigError(
      'NODE_ENV',
      'development or test: the sms-sandbox delivers nothing and refuses to start with NODE_ENV=production (set OVH_SMS_ENDPOINT and the OVH keys in the notification service instead)',
      false,
    ),
  ];
}
