import { Writable } from 'node:stream';
import { createTokenIssuer, type TokenIssuer } from '@salle/auth';
import { createLogger } from '@salle/runtime';
import { startService, type RunningService } from '@salle/service';
import { freePort, testRedisUrl, uniqueKeyPrefix } from '@salle/testing';
import { gatewayConfig, type GatewayConfig } from '../../src/config';
import { gatewayService } from '../../src/gateway-service';
import { internalTokenIssuer } from '../../src/signing-key';
import type { SandboxProcess } from './identity-sandbox-process';

export interface TestGateway {
  url: string;
  config: GatewayConfig;
  issuer: TokenIssuer;
  service: RunningService;
  /** Every log line the gateway wrote (JSON), from every level down to debug. */
  logs: string[];
  stop(): Promise<void>;
}

/** Reserves a port for a gateway before the sandbox that must know its callback URLs starts. */
export async function reserveGatewayUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}

/**
 * A gateway in this process (its logs are captured), on a reserved port,
 * pointed at the sandbox child process. `env` overrides configuration.
 */
export async function startGateway(
  url: string,
  databaseUrl: string,
  sandbox: SandboxProcess,
  env: Record<string, string> = {},
): Promise<TestGateway> {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const port = new URL(url).port;
  const config = gatewayConfig.parse({
    NODE_ENV: 'test',
    GATEWAY_PORT: port,
    GATEWAY_PUBLIC_URL: url,
    DATABASE_URL: databaseUrl,
    REDIS_URL: testRedisUrl(),
    // Streams of this test only, unless a test shares them with the services it starts.
    EVENTS_KEY_PREFIX: uniqueKeyPrefix('gateway-events'),
    FRANCECONNECT_ISSUER: sandbox.issuers.franceconnect,
    PROCONNECT_ISSUER: sandbox.issuers.proconnect,
    OIDC_HTTP_TIMEOUT_MS: '2000',
    // The many logins of a suite come from one IP.
    AUTH_RATE_LIMIT: '10000',
    // A port nothing listens on: the booking service is "down" unless a test provides one.
    BOOKING_URL: `http://127.0.0.1:${await freePort()}`,
    // The gateway's own pages unless a test provides a web build.
    GATEWAY_WEB_DIR: '/nonexistent/web',
    ...env,
  });
  const logger = createLogger({ service: 'gateway', level: 'debug', destination });
  // The configured key and published keys when a test sets them, as main.ts does; a fresh key otherwise.
  const issuer = config.INTERNAL_SIGNING_KEY ? await internalTokenIssuer(config, logger) : await createTokenIssuer();
  // Metrics on a free port: several suites run at once.
  const service = await startService({
    ...gatewayService(config, logger, issuer),
    metrics: { host: '127.0.0.1', port: 0 },
    redisKeyPrefix: uniqueKeyPrefix('gateway'),
  });
  return { url, config, issuer, service, logs, stop: () => service.stop() };
}
