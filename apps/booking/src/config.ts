import { defineConfig, env } from '@salle/config';

export const bookingConfig = defineConfig({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  BOOKING_HOST: env.text().default('127.0.0.1'),
  BOOKING_PORT: env.port(3001),
  DATABASE_URL: env.postgresUrl(),
  REDIS_URL: env.redisUrl().default('redis://127.0.0.1:6379'),
});

export type BookingConfig = ReturnType<typeof bookingConfig.parse>;
