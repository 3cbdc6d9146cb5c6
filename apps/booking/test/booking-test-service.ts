import { createTokenIssuer, startJwksServer, type Caller, type JwksServer, type TokenIssuer } from '@salle/auth';
import { bookingOperations } from '@salle/contracts';
import { responseConformance } from '@salle/http';
import { createLogger } from '@salle/runtime';
import { migrateService, startService, type RunningService } from '@salle/service';
import { createTestDatabase, databaseTemplate, testRedisUrl, uniqueKeyPrefix, type TestDatabase } from '@salle/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bookingService } from '../src/booking-service';
import { bookingConfig } from '../src/config';
import { bookingDatabase } from '../src/database';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  /** The body's bytes as received (a downloaded file). */
  bytes: Uint8Array;
}

/** An HTTP client acting as one caller (or a visitor), with tokens minted as the gateway would. */
export interface ApiClient {
  get<T = Record<string, unknown>>(path: string): Promise<ApiResponse<T>>;
  post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  put<T = Record<string, unknown>>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  patch<T = Record<string, unknown>>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  delete<T = Record<string, unknown>>(path: string): Promise<ApiResponse<T>>;
  /** A POST whose body is bytes (an uploaded file), sent with the given Content-Type. */
  postBytes<T = Record<string, unknown>>(path: string, bytes: Uint8Array, contentType: string): Promise<ApiResponse<T>>;
}

export interface BookingTestService {
  service: RunningService;
  /** The event streams' prefix of this service (unique per test suite). */
  eventsKeyPrefix: string;
  databaseUrl: string;
  /** The folder of the service's object store (insurance certificates). */
  storageDir: string;
  visitor: ApiClient;
  as(caller: Caller): ApiClient;
  /** The Authorization header the gateway would send for this caller, for tests that build raw requests. */
  headersFor(caller: Caller): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export function franceConnectUser(overrides: Partial<Caller> = {}): Caller {
  return { accountId: randomUUID(), provider: 'franceconnect', displayName: 'Angela Dubois', roles: [], ...overrides };
}

export function proConnectAgent(overrides: Partial<Caller> = {}): Caller {
  return { accountId: randomUUID(), provider: 'proconnect', displayName: 'Agent Collège', roles: [], ...overrides };
}

export function departmentAdmin(): Caller {
  return proConnectAgent({ displayName: 'Agent Département', roles: ['department_admin'] });
}

/**
 * The booking schema with every migration applied, built once per jest run: each suite's database is a
 * copy, where the service's start finds no migration pending (30-odd migrations, about a second per suite).
 */
export const bookingTemplate = databaseTemplate([bookingDatabase], (url, database) =>
  migrateService({
    name: 'booking',
    logger: createLogger({ service: 'booking', level: 'silent' }),
    databaseUrl: url,
    database,
  }),
);

/** Every answer the tests get is checked against the published description. */
const conforms = responseConformance(bookingOperations);

/**
 * The real booking service on loopback, with a fresh database, its own
 * Redis prefix and a JWKS server standing in for the gateway.
 */
export async function startBookingTestService(
  label = 'booking',
  /** A database to start on (a restored backup) instead of a fresh one; left in place by `stop()`. */
  existing?: { url: string },
  /** Other settings, e.g. REGISTER_SEARCH_URL pointing at a registry-sandbox. */
  settings: Record<string, string> = {},
): Promise<BookingTestService> {
  const database: Pick<TestDatabase, 'url' | 'drop'> = existing
    ? { url: existing.url, drop: async () => undefined }
    : await createTestDatabase(label, { template: bookingTemplate });
  const issuer: TokenIssuer = await createTokenIssuer();
  const jwks: JwksServer = await startJwksServer(() => issuer);
  const eventsKeyPrefix = uniqueKeyPrefix(`${label}-events`);
  const storageDir = await mkdtemp(path.join(tmpdir(), `salle-${label}-storage-`));
  const config = bookingConfig.parse({
    STORAGE_LOCAL_DIR: storageDir,
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    INTERNAL_JWKS_URL: jwks.url,
    EVENTS_KEY_PREFIX: eventsKeyPrefix,
    // Approve, pay, confirmed: specs about signing the convention set it themselves.
    CONVENTION_SIGNING: 'off',
    ...settings,
  });
  const service = await startService({
    ...bookingService(config, createLogger({ service: 'booking', level: 'silent' })),
    port: 0,
    metrics: { host: '127.0.0.1', port: 0 },
    redisKeyPrefix: uniqueKeyPrefix(label),
  });

  const client = (caller?: Caller): ApiClient => {
    const send = async <T>(
      method: string,
      path: string,
      body?: unknown,
      upload?: { bytes: Uint8Array; contentType: string },
    ): Promise<ApiResponse<T>> => {
      const headers: Record<string, string> = {};
      if (caller) headers['authorization'] = `Bearer ${await issuer.mint(caller, 'booking')}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (upload) headers['content-type'] = upload.contentType;
      const response = await fetch(`${service.url}${path}`, {
        method,
        headers,
        body: upload ? upload.bytes : body === undefined ? undefined : JSON.stringify(body),
      });
      // Decoded by hand: `text()` would drop the byte-order mark that CSV downloads start with.
      const bytes = new Uint8Array(await response.arrayBuffer());
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      const contentType = response.headers.get('content-type');
      const parsed = text && /json/.test(contentType ?? '') ? JSON.parse(text) : text || undefined;
      const mismatches = conforms({ method, path, status: response.status, contentType, body: parsed });
      if (mismatches.length > 0)
        throw new Error(`the answer does not match the booking API description:\n${mismatches.join('\n')}`);
      return { status: response.status, body: parsed as T, headers: response.headers, bytes };
    };
    return {
      get: (path) => send('GET', path),
      post: (path, body) => send('POST', path, body ?? {}),
      put: (path, body) => send('PUT', path, body ?? {}),
      patch: (path, body) => send('PATCH', path, body ?? {}),
      delete: (path) => send('DELETE', path),
      postBytes: (path, bytes, contentType) => send('POST', path, undefined, { bytes, contentType }),
    };
  };

  return {
    service,
    eventsKeyPrefix,
    databaseUrl: database.url,
    storageDir,
    visitor: client(),
    as: (caller) => client(caller),
    headersFor: async (caller) => ({ authorization: `Bearer ${await issuer.mint(caller, 'booking')}` }),
    async stop() {
      await service.stop();
      await jwks.close();
      await database.drop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}
