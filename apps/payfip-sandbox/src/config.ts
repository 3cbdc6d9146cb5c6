import { z } from 'zod';
import { ConfigError, defineConfig, env, production } from '@salle/config';
import { PAYFIP_SANDBOX_DEFAULTS } from '@salle/contracts';
import { parseClients } from './engine/clients';

export const payfipSandboxConfig = defineConfig(
  {
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    PAYFIP_SANDBOX_HOST: env.text().default('127.0.0.1'),
    PAYFIP_SANDBOX_PORT: env.port(PAYFIP_SANDBOX_DEFAULTS.port),
    /** `numcli=label` pairs, comma-separated; empty: every 6-digit numcli is a test régie. */
    PAYFIP_SANDBOX_CLIENTS: z
      .string()
      .default('')
      .refine((value) => {
        try {
          parseClients(value);
          return true;
        } catch {
          return false;
        }
      })
      .transform(parseClients)
      .describe('comma-separated numcli=label pairs, e.g. 123456=COLLEGE JEAN MOULIN'),
    /** deliver, drop (lost notifications) or delay (by PAYFIP_SANDBOX_NOTIFY_DELAY_MS). */
    PAYFIP_SANDBOX_NOTIFY: z
      .enum(['deliver', 'drop', 'delay'])
      .default('deliver')
      .describe('one of deliver, drop, delay'),
    PAYFIP_SANDBOX_NOTIFY_DELAY_MS: z.coerce.number().int().min(0).default(5_000).describe('milliseconds'),
    PAYFIP_SANDBOX_NOTIFY_METHOD: z.enum(['POST', 'GET']).default('POST').describe('POST or GET'),
    /** How long a SEPA debit takes to settle, on the sandbox's simulated clock. */
    PAYFIP_SANDBOX_DEBIT_SETTLEMENT_DAYS: z.coerce.number().min(0).max(30).default(3).describe('a number of days'),
  },
  refuseProduction,
);

/** It moves no money: a production payment service talks to PayFiP. */
function refuseProduction(config: { NODE_ENV?: string }): (ConfigError | undefined)[] {
  if (!production.isProduction(config)) return [];
  return [
    new ConfigError(
      'NODE_ENV',
      'development or test: the payfip-sandbox moves no money and refuses to start with NODE_ENV=production (point PAYFIP_URL of the payment service at PayFiP instead)',
      false,
    ),
  ];
}
