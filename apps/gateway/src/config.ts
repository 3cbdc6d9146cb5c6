import { defineConfig, env } from '@salle/config';

export const gatewayConfig = defineConfig({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  GATEWAY_HOST: env.text().default('127.0.0.1'),
  GATEWAY_PORT: env.port(3000),
  DATABASE_URL: env.postgresUrl(),
  REDIS_URL: env.redisUrl().default('redis://127.0.0.1:6379'),
});

export type GatewayConfig = ReturnType<typeof gatewayConfig.parse>;
