import type { Logger } from '@salle/runtime';
import type { ServiceOptions } from '@salle/service';
import type { GatewayConfig } from './config';

/**
 * The gateway as it stands: the public entry point with health, readiness
 * and metrics. Login, sessions and the proxy to the services come with the
 * identity issue.
 */
export function gatewayService(config: GatewayConfig, logger: Logger): ServiceOptions {
  return {
    name: 'gateway',
    logger,
    host: config.GATEWAY_HOST,
    port: config.GATEWAY_PORT,
    databaseUrl: config.DATABASE_URL,
    redisUrl: config.REDIS_URL,
    database: { schema: 'gateway', migrations: [] },
    routes: (app) => {
      app.get('/', (_req, res) => {
        res
          .type('html')
          .send(
            '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Salle sur demande</title></head>' +
              '<body><h1>Salle sur demande</h1><p>La plateforme démarre : la connexion et la recherche de salles arrivent bientôt.</p></body></html>',
          );
      });
    },
  };
}
