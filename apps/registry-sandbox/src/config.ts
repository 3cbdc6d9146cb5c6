import { ConfigError, defineConfig, env, production } from '@salle/config';

export const registrySandboxConfig = defineConfig(
  {
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    REGISTRY_SANDBOX_HOST: env.text().default('127.0.0.1'),
    /** `GET /search`, as recherche-entreprises.api.gouv.fr answers it. */
    REGISTRY_SANDBOX_PORT: env.port(3011),
  },
  refuseProduction,
);

/** It knows only fictitious organisations: a production booking service asks the real register. */
function refuseProduction(config: { NODE_ENV?: string }): (ConfigError | undefined)[] {
  if (!production.isProduction(config)) return [];
  return [
    new ConfigError(
      'NODE_ENV',
      'development or test: the registry-sandbox knows only fictitious organisations and refuses to start with NODE_ENV=production (set REGISTER_SEARCH_URL=https://recherche-entreprises.api.gouv.fr in the booking service instead)',
      false,
    ),
  ];
}
