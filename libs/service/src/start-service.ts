import type { Express, Request } from 'express';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import {
  createDataSource,
  isDatabaseUnavailable,
  migrate,
  redactUrl,
  TRANSACTION_POOLING_REFUSAL,
  usesTransactionPooling,
  type DatabaseOptions,
} from '@salle/db';
import {
  AppError,
  createHttpApp,
  createMetrics,
  createMetricsApp,
  startHttpServer,
  type RunningServer,
} from '@salle/http';
import { closeRedis, createRedis, pingRedis, type Redis } from '@salle/redis';
import { startTracing, type TracingSdk } from './tracing-sdk';
import { retry, runShutdown, withTimeout, type Logger, type ShutdownStep } from '@salle/runtime';

export interface ServiceDependencies {
  dataSource: DataSource;
  redis: Redis;
  logger: Logger;
  /** The service's Prometheus registry, served on the metrics listener's /metrics: register your own metrics here. */
  metricsRegistry: Registry;
}

/** Something the service runs beside HTTP (an outbox relay, a consumer...). */
export interface BackgroundWorker {
  name: string;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  name: string;
  logger: Logger;
  host: string;
  port: number;
  /**
   * Where `/metrics` is served: a listener apart from the API, on an address
   * the operator keeps private (loopback, or a network only Prometheus reaches).
   */
  metrics: { host: string; port: number };
  databaseUrl: string;
  redisUrl: string;
  /** Redis Sentinel (`REDIS_SENTINELS`, `REDIS_SENTINEL_NAME`): the primary is asked of them, `redisUrl` gives credentials and TLS. */
  redisSentinels?: readonly string[];
  redisSentinelName?: string;
  /** Defaults to `<name>:`. */
  redisKeyPrefix?: string;
  database: Omit<DatabaseOptions, 'url'>;
  bodyLimit?: string;
  /** False at the public edge (the gateway): its requests start new traces rather than continue the caller's. */
  continueCallerTrace?: boolean;
  /** What the access log says of the client (see `@salle/http`'s `clientLabel`). */
  clientLabel?: (req: Request) => string;
  routes(app: Express, deps: ServiceDependencies): void;
  rawRoutes?(app: Express, deps: ServiceDependencies): void;
  workers?(deps: ServiceDependencies): BackgroundWorker[] | Promise<BackgroundWorker[]>;
  /** Attempts to reach PostgreSQL and Redis at start before giving up. */
  startupAttempts?: number;
}

export interface RunningService extends ServiceDependencies {
  http: RunningServer;
  url: string;
  /** The metrics listener; `${metricsUrl}/metrics` is Prometheus text. */
  metricsHttp: RunningServer;
  metricsUrl: string;
  /** Graceful stop: finish requests, stop workers, close pools. */
  stop(): Promise<void>;
}

/** Start-up failed for a reason an operator can act on; printed as one line. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

type MigrationOptions = Pick<ServiceOptions, 'name' | 'logger' | 'databaseUrl' | 'database' | 'startupAttempts'>;

function retryLogger(logger: Logger) {
  return (what: string) => (error: unknown, attempt: number, delayMs: number) =>
    logger.warn({ attempt, delayMs, reason: (error as Error).message }, `${what} is not reachable yet, retrying`);
}

/** Connects to PostgreSQL (with retries) and applies the service's pending migrations under the migration lock. */
async function connectAndMigrate(options: MigrationOptions): Promise<{ dataSource: DataSource; applied: string[] }> {
  const { logger, name } = options;
  const attempts = options.startupAttempts ?? 10;
  const dataSource = createDataSource({ ...options.database, url: options.databaseUrl, applicationName: name });
  try {
    await retry(() => dataSource.initialize(), { attempts, onRetry: retryLogger(logger)('PostgreSQL') });
  } catch (error) {
    throw new StartupError(
      `PostgreSQL at ${redactUrl(options.databaseUrl)} did not answer after ${attempts} attempts (${(error as Error).message}).`,
    );
  }
  if (await usesTransactionPooling(dataSource).catch(() => false)) {
    await dataSource.destroy();
    throw new StartupError(TRANSACTION_POOLING_REFUSAL);
  }
  try {
    const applied = await migrate(dataSource, {
      onWait: () => logger.info('another process is migrating the database: waiting for it'),
    });
    if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
    return { dataSource, applied };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/**
 * Applies the service's pending migrations and returns their names, without starting anything else: what
 * a deployment's migration job runs (`node dist/main.js migrate`) before rolling the new version out.
 */
export async function migrateService(options: MigrationOptions): Promise<string[]> {
  const { dataSource, applied } = await connectAndMigrate(options);
  await dataSource.destroy();
  return applied;
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { logger, name } = options;
  const attempts = options.startupAttempts ?? 10;
  const onRetry = retryLogger(logger);
  let tracing: TracingSdk | undefined;
  try {
    tracing = startTracing(name);
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
  const { dataSource } = await connectAndMigrate(options).catch(async (error: unknown) => {
    await tracing?.shutdown();
    throw error;
  });

  const redis = createRedis({
    url: options.redisUrl,
    keyPrefix: options.redisKeyPrefix ?? `${name}:`,
    connectionName: name,
    sentinels: options.redisSentinels,
    sentinelName: options.redisSentinelName,
  });
  redis.on('error', (error) => logger.debug({ reason: error.message }, 'redis connection error'));
  try {
    await retry(() => withTimeout(redis.ping(), 1_000, 'no answer within 1 s'), {
      attempts,
      onRetry: onRetry('Redis'),
    });
  } catch (error) {
    await closeRedis(redis);
    await dataSource.destroy();
    throw new StartupError(
      `Redis at ${redactUrl(options.redisUrl)} did not answer after ${attempts} attempts (${(error as Error).message}).`,
    );
  }

  const metrics = createMetrics(name);
  const deps: ServiceDependencies = { dataSource, redis, logger, metricsRegistry: metrics.registry };
  const app = createHttpApp({
    service: name,
    logger,
    metrics,
    bodyLimit: options.bodyLimit,
    continueCallerTrace: options.continueCallerTrace,
    clientLabel: options.clientLabel,
    mapError: (error) =>
      isDatabaseUnavailable(error)
        ? new AppError(
            503,
            'service_unavailable',
            'Le service est momentanément indisponible. Réessayez dans un instant.',
            {
              headers: { 'Retry-After': '2' },
            },
          )
        : undefined,
    readinessChecks: [
      { name: 'postgres', check: () => dataSource.query('SELECT 1') },
      { name: 'redis', check: () => pingRedis(redis) },
    ],
    rawRoutes: options.rawRoutes ? (app) => options.rawRoutes?.(app, deps) : undefined,
    routes: (app) => options.routes(app, deps),
  });
  const http = await startHttpServer(app, options.port, options.host);
  const metricsHttp = await startHttpServer(
    createMetricsApp(metrics),
    options.metrics.port,
    options.metrics.host,
  ).catch(async (error: unknown) => {
    await http.close(0);
    await closeRedis(redis);
    await dataSource.destroy();
    throw new StartupError(
      `The metrics listener cannot listen on ${options.metrics.host}:${options.metrics.port} (${(error as Error).message}).`,
    );
  });
  const workers = (await options.workers?.(deps)) ?? [];
  logger.info({ url: http.url, metricsUrl: metricsHttp.url }, `${name} listening`);

  const steps: ShutdownStep[] = [
    { name: 'http', run: () => http.close() },
    { name: 'metrics', run: () => metricsHttp.close(0) },
    ...workers.map((worker) => ({ name: worker.name, run: () => worker.stop() })),
    { name: 'redis', run: () => closeRedis(redis) },
    { name: 'postgres', run: () => dataSource.destroy() },
    ...(tracing ? [{ name: 'tracing', run: () => tracing.shutdown() }] : []),
  ];
  return {
    ...deps,
    http,
    url: http.url,
    metricsHttp,
    metricsUrl: metricsHttp.url,
    stop: async () => {
      await runShutdown(steps, logger);
    },
  };
}
