import { defineConfig, env } from '@salle/config';

export const bookingConfig = defineConfig({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  BOOKING_HOST: env.text().default('127.0.0.1'),
  BOOKING_PORT: env.port(3001),
  DATABASE_URL: env.postgresUrl(),
  REDIS_URL: env.redisUrl().default('redis://127.0.0.1:6379'),
  /** Where the gateway publishes the keys of the internal tokens it mints. */
  INTERNAL_JWKS_URL: env.httpUrl().default('http://127.0.0.1:3000/.well-known/internal-jwks.json'),
});

export type BookingConfig = ReturnType<typeof bookingConfig.parse>;
