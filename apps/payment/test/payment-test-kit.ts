import { createHmac, randomUUID } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import type { DataSource } from 'typeorm';
import {
  createTokenIssuer,
  generateSigningJwk,
  INTERNAL_TOKEN_ALG,
  INTERNAL_TOKEN_ISSUER,
  startJwksServer,
  type Caller,
  type JwksServer,
  type TokenIssuer,
} from '@salle/auth';
import {
  INTERNAL_ACCESS_CLAIM,
  paymentOperations,
  payerContactOperations,
  serviceAuditOperations,
  STRIPE_API_VERSION,
  STRIPE_SANDBOX_DEFAULTS,
  type BookingPartyNames,
  type EventPayload,
  type EventType,
} from '@salle/contracts';
import { createDataSource, migrate } from '@salle/db';
import {
  createEventConsumer,
  eventTablesMigrations,
  createOutbox,
  createOutboxRelay,
  type EventConsumer,
  type OutboxRelay,
} from '@salle/events';
import { responseConformance } from '@salle/http';
import { createLogger } from '@salle/runtime';
import { migrateService, startService, type RunningService } from '@salle/service';
import {
  createTestDatabase,
  databaseTemplate,
  freePort,
  testRedisUrl,
  uniqueKeyPrefix,
  waitForPort,
  type TestDatabase,
} from '@salle/testing';
import { paymentConfig } from '../src/config';
import { paymentDatabase } from '../src/database';
import { paymentService, type PaymentParts } from '../src/payment-service';
import { startSandboxProcess } from './sandbox-process';

/**
 * The payment schema with every migration applied, built once per jest run: each suite's database is a copy,
 * where the service's start finds no migration pending.
 */
const paymentTemplate = databaseTemplate([paymentDatabase], (url, database) =>
  migrateService({
    name: 'payment',
    logger: createLogger({ service: 'payment', level: 'silent' }),
    databaseUrl: url,
    database,
  }),
);

/** Every answer the tests get is checked against the published description. */
const conforms = responseConformance({ ...paymentOperations, ...payerContactOperations, ...serviceAuditOperations });

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
  raw: Buffer;
}

export interface ApiClient {
  get<T = Record<string, unknown>>(path: string): Promise<ApiResponse<T>>;
  post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<ApiResponse<T>>;
}

export interface Access {
  organisations?: string[];
  establishments?: string[];
}

/** What booking.approved may say beyond the ids and the price. */
export interface ApprovalDetails {
  labels?: BookingPartyNames;
  /** A week ahead at the current time by default; bookings last two hours. */
  startsAt?: Date;
  /** A series' session: its series and payment period, paid as one item. */
  seriesPeriod?: { seriesId: string; key: string; label: string };
}

export interface KitOptions {
  feeBasisPoints?: number;
  now?: () => Date;
  /** Extra environment of the stripe-sandbox process. */
  sandboxEnv?: Record<string, string>;
  /** Start the stand-in of the booking service (default true); off when a real booking service runs. */
  bookingStandIn?: boolean;
  /** More of the payment service's environment, knowing its port (PayFiP's notification URL). */
  paymentEnv?: (ports: { payment: number }) => Record<string, string>;
}

export function member(): Caller {
  return { accountId: randomUUID(), provider: 'franceconnect', displayName: 'Angela Dubois', roles: [] };
}

export function agent(roles: Caller['roles'] = []): Caller {
  return { accountId: randomUUID(), provider: 'proconnect', displayName: 'Agent', roles };
}

/**
 * The payment service on loopback with a fresh database, the real
 * stripe-sandbox in its own process (the real SDK talks to it over HTTP and
 * it posts signed webhooks back), a JWKS server standing in for the gateway,
 * and a stand-in for the booking service that publishes its events through
 * its own outbox and relay, as the booking service does.
 */
export class PaymentTestKit {
  readonly logs: string[] = [];
  parts!: PaymentParts;
  service!: RunningService;
  sandboxUrl!: string;
  private database!: TestDatabase;
  private jwks!: JwksServer;
  private jwk!: JWK;
  private issuer!: TokenIssuer;
  private sandbox!: { stop(): Promise<void> };
  private bookingSource!: DataSource;
  private bookingRelay!: OutboxRelay;
  private bookingConsumer: EventConsumer | undefined;
  private readonly bookingOutbox = createOutbox({ schema: 'booking' });
  readonly eventsPrefix: string;

  constructor(private readonly label: string) {
    this.eventsPrefix = uniqueKeyPrefix(`${label}-ev`);
  }

  static async start(label: string, options: KitOptions = {}): Promise<PaymentTestKit> {
    const kit = new PaymentTestKit(label);
    await kit.boot(options);
    return kit;
  }

  get dataSource(): DataSource {
    return this.service.dataSource;
  }

  private async boot(options: KitOptions): Promise<void> {
    const [database, jwk, sandboxPort, paymentPort] = await Promise.all([
      createTestDatabase(this.label, { template: paymentTemplate }),
      generateSigningJwk(),
      freePort(),
      freePort(),
    ]);
    this.database = database;
    this.jwk = jwk;
    const issuer = await createTokenIssuer(this.jwk);
    this.issuer = issuer;
    this.jwks = await startJwksServer(() => issuer);
    this.sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const config = paymentConfig.parse({
      DATABASE_URL: this.database.url,
      REDIS_URL: testRedisUrl(),
      INTERNAL_JWKS_URL: this.jwks.url,
      EVENTS_KEY_PREFIX: this.eventsPrefix,
      STRIPE_SANDBOX_URL: this.sandboxUrl,
      PAYMENT_PORT: String(paymentPort),
      PAYMENT_DEPARTMENT_FEE_BASIS_POINTS: String(options.feeBasisPoints ?? 1_000),
      PAYMENT_TASK_INTERVAL_MS: '100',
      PAYMENT_WEBHOOK_POLL_MS: '200',
      PAYMENT_SWEEP_INTERVAL_MS: '3600000',
      STRIPE_MAX_NETWORK_RETRIES: '2',
      ...options.paymentEnv?.({ payment: paymentPort }),
    });
    const logger = createLogger({
      service: 'payment',
      level: 'debug',
      destination: { write: (line: string) => void this.logs.push(line) },
    });
    // The service and the sandbox start together: each knows the other's port already.
    const [service, sandbox] = await Promise.all([
      startService({
        ...paymentService(config, logger, { now: options.now, onStarted: (parts) => (this.parts = parts) }),
        metrics: { host: '127.0.0.1', port: 0 },
        redisKeyPrefix: uniqueKeyPrefix(this.label),
      }),
      startSandboxProcess({
        LOG_LEVEL: 'warn',
        STRIPE_SANDBOX_PORT: String(sandboxPort),
        STRIPE_SANDBOX_WEBHOOK_URL: `http://127.0.0.1:${paymentPort}/webhooks/stripe`,
        STRIPE_SANDBOX_WEBHOOK_RETRY_DELAYS_MS: '100,300,1000,3000',
        STRIPE_SANDBOX_SEPA_DELAY_MS: '600000',
        ...options.sandboxEnv,
      }).then(async (started) => {
        await waitForPort('127.0.0.1', sandboxPort, 20_000);
        return started;
      }),
    ]);
    this.service = service;
    this.sandbox = sandbox;
    if (options.bookingStandIn === false) return;

    // The booking service's side of the events: its schema, outbox and relay to the `booking` stream.
    this.bookingSource = createDataSource({
      url: this.database.url,
      schema: 'booking',
      migrations: [...eventTablesMigrations('booking')],
    });
    await this.bookingSource.initialize();
    await migrate(this.bookingSource);
    this.bookingRelay = createOutboxRelay({
      dataSource: this.bookingSource,
      redis: this.service.redis,
      keyPrefix: this.eventsPrefix,
      stream: 'booking',
      consumerGroups: ['payment'],
      logger: createLogger({ service: 'booking-stand-in', level: 'silent' }),
      confirmIntervalMs: 200,
    });
    await this.bookingRelay.start();
  }

  /**
   * Reads the payment stream as the booking service's consumer group does
   * (`booking`), recording every payment.* and establishment.payout_ready event.
   */
  async consumeAsBooking(): Promise<{ type: string; payload: Record<string, unknown> }[]> {
    const received: { type: string; payload: Record<string, unknown> }[] = [];
    const record = async (event: { type: string; payload: unknown }) => {
      received.push({ type: event.type, payload: event.payload as Record<string, unknown> });
    };
    this.bookingConsumer = createEventConsumer({
      group: 'booking',
      dataSource: this.bookingSource,
      redis: this.service.redis,
      keyPrefix: this.eventsPrefix,
      handlers: {
        'payment.checkout_opened': record,
        'payment.succeeded': record,
        'payment.failed': record,
        'payment.expired': record,
        'payment.refunded': record,
        'establishment.payout_ready': record,
      },
      logger: createLogger({ service: 'booking-stand-in', level: 'silent' }),
      blockMs: 200,
    });
    await this.bookingConsumer.start();
    return received;
  }

  async stop(): Promise<void> {
    await this.bookingConsumer?.stop();
    await this.bookingRelay?.stop();
    await this.bookingSource?.destroy();
    await this.sandbox?.stop();
    await this.service?.stop();
    await this.jwks?.close();
    await this.database?.drop();
  }

  /** Where services verify the internal tokens of this kit. */
  get jwksUrl(): string {
    return this.jwks.url;
  }

  /** An internal token as the gateway would mint it for another service (`audience`), signed with this kit's key. */
  async tokenFor(audience: string, caller: Caller): Promise<string> {
    return this.issuer.mint(caller, audience);
  }

  /** An internal token as the gateway would mint it for this service, with the caller's organisations and collèges. */
  async token(caller: Caller, access: Access = {}): Promise<string> {
    const { importJWK } = await import('jose');
    const key = await importJWK(this.jwk, INTERNAL_TOKEN_ALG);
    return new SignJWT({
      provider: caller.provider,
      name: caller.displayName,
      roles: caller.roles,
      [INTERNAL_ACCESS_CLAIM]: {
        organisations: access.organisations ?? [],
        establishments: access.establishments ?? [],
      },
    })
      .setProtectedHeader({ alg: INTERNAL_TOKEN_ALG, kid: this.jwk.kid, typ: 'JWT' })
      .setIssuer(INTERNAL_TOKEN_ISSUER)
      .setAudience('payment')
      .setSubject(caller.accountId)
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(key);
  }

  as(caller: Caller | null, access: Access = {}): ApiClient {
    const send = async <T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> => {
      const headers: Record<string, string> = {};
      if (caller) headers['authorization'] = `Bearer ${await this.token(caller, access)}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${this.service.url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const raw = Buffer.from(await response.arrayBuffer());
      const type = response.headers.get('content-type') ?? '';
      const parsed = type.includes('json') && raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      const mismatches = conforms({ method, path, status: response.status, contentType: type || null, body: parsed });
      if (mismatches.length > 0)
        throw new Error(`the answer does not match the payment API description:\n${mismatches.join('\n')}`);
      return { status: response.status, body: parsed as T, headers: response.headers, raw };
    };
    return { get: (path) => send('GET', path), post: (path, body) => send('POST', path, body ?? {}) };
  }

  /** Publishes a booking event the way the booking service does (outbox, then relay to Redis). */
  async publish<T extends EventType>(type: T, payload: EventPayload<T>, id = randomUUID()): Promise<string> {
    return this.publishAs(type, undefined, payload, id);
  }

  /**
   * As `publish`, written as an older `version` of its type (a booking service
   * not yet upgraded): the payload must fit that version's schema.
   */
  async publishAs<T extends EventType>(
    type: T,
    version: number | undefined,
    payload: EventPayload<T> | Record<string, unknown>,
    id = randomUUID(),
  ): Promise<string> {
    await this.bookingSource.transaction(async (manager) => {
      await this.bookingOutbox.add(manager, {
        type,
        aggregateId: (payload as { bookingId?: string }).bookingId ?? randomUUID(),
        payload: payload as EventPayload<T>,
        id,
      });
      if (version !== undefined)
        await manager.query(`UPDATE booking.event_outbox SET version = $2 WHERE id = $1`, [id, version]);
    });
    return id;
  }

  /** Publishes a copy of an event under a new id: the booking service announcing the same change twice. */
  async republish(id: string): Promise<string> {
    const copy = randomUUID();
    await this.bookingSource.query(
      `INSERT INTO booking.event_outbox (id, type, version, aggregate_id, payload, request_id, occurred_at)
       SELECT $2, type, version, aggregate_id, payload, request_id, occurred_at FROM booking.event_outbox WHERE id = $1`,
      [id, copy],
    );
    return copy;
  }

  /** Waits until the payment service's consumer handled (committed) a booking event. */
  async consumed(eventId: string): Promise<void> {
    await this.waitFor(
      async () => (await this.sql(`SELECT 1 FROM payment.event_inbox WHERE event_id = $1`, [eventId]))[0],
      `event ${eventId} to be consumed`,
    );
  }

  async sql<T = Record<string, unknown>>(query: string, parameters: unknown[] = []): Promise<T[]> {
    return (await this.dataSource.query(query, parameters)) as T[];
  }

  /** payment.* events written by the service, oldest first. */
  async paymentEvents(type?: string): Promise<{ type: string; payload: Record<string, unknown> }[]> {
    return this.sql(
      `SELECT type, payload FROM payment.event_outbox WHERE ($1::text IS NULL OR type = $1) ORDER BY position`,
      [type ?? null],
    );
  }

  async waitFor<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  // ---- the sandbox ----

  async sandboxControl<T = Record<string, unknown>>(
    path: string,
    body?: unknown,
    method = 'POST',
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.sandboxUrl}/_sandbox${path}`, {
      method,
      headers: {
        authorization: `Bearer ${STRIPE_SANDBOX_DEFAULTS.secretKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async faults(settings: unknown): Promise<void> {
    await this.sandboxControl('/faults', settings);
  }

  async resetFaults(): Promise<void> {
    await this.sandboxControl('/faults', undefined, 'DELETE');
  }

  async sandboxRequests(): Promise<
    {
      method: string;
      path: string;
      body: Record<string, unknown>;
      idempotencyKey: string | null;
      status: number;
      replayed: boolean;
      fault: string | null;
    }[]
  > {
    return (await this.sandboxControl<{ requests: never[] }>('/requests', undefined, 'GET')).body.requests;
  }

  /** A raw call to the sandbox's Stripe API (form-encoded), as an outside party would make it. */
  async stripeApi<T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    path: string,
    form: Record<string, string> = {},
  ): Promise<T> {
    const response = await fetch(`${this.sandboxUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${STRIPE_SANDBOX_DEFAULTS.secretKey}`,
        'stripe-version': STRIPE_API_VERSION,
        ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: method === 'POST' ? new URLSearchParams(form).toString() : undefined,
    });
    const body = (await response.json()) as T;
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  }

  /** Pays on the hosted checkout page as a person would. */
  async payOnPage(checkoutUrl: string, card = '4242 4242 4242 4242'): Promise<Response> {
    return fetch(`${checkoutUrl}/pay`, {
      method: 'POST',
      body: new URLSearchParams({ method: 'card', cardNumber: card }),
      redirect: 'manual',
    });
  }

  /** Signs a webhook body exactly as Stripe does. */
  signature(
    payload: string,
    secret: string = STRIPE_SANDBOX_DEFAULTS.webhookSecret,
    timestamp = Math.floor(Date.now() / 1000),
  ): string {
    return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')}`;
  }

  async postWebhook(payload: string, signature: string | null): Promise<Response> {
    return fetch(`${this.service.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
      body: payload,
    });
  }

  // ---- scenarios ----

  /** A collège whose payout account is onboarded and ready (through the account.updated webhook). */
  async readyCollege(
    establishmentId: string = randomUUID(),
  ): Promise<{ establishmentId: string; accountId: string; manager: Caller }> {
    const manager = agent();
    const created = await this.as(manager, { establishments: [establishmentId] }).post<{ accountId: string }>(
      `/establishments/${establishmentId}/payout-account`,
      { displayName: 'Collège Jean Moulin' },
    );
    if (created.status !== 201)
      throw new Error(`payout account not created: ${created.status} ${JSON.stringify(created.body)}`);
    await this.sandboxControl(`/accounts/${created.body.accountId}/complete-onboarding`);
    await this.waitFor(
      async () =>
        (
          await this.sql(`SELECT 1 FROM payment.payout_account WHERE establishment_id = $1 AND status = 'ready'`, [
            establishmentId,
          ])
        )[0],
      'the payout account to be ready',
    );
    return { establishmentId, accountId: created.body.accountId, manager };
  }

  /** An approved priced booking, known to the payment service. */
  async approvedBooking(
    establishmentId: string,
    priceCents = 10_000,
    organisationId = randomUUID(),
    details: ApprovalDetails = {},
  ) {
    const bookingId = randomUUID();
    const startsAt = details.startsAt ?? new Date(Date.now() + 7 * 86_400_000);
    await this.publish('booking.approved', {
      bookingId,
      establishmentId,
      organisationId,
      spaceId: randomUUID(),
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      priceCents,
      paymentDueAt: new Date(Date.now() + 72 * 3_600_000).toISOString(),
      labels: details.labels,
      ...(details.seriesPeriod ? { seriesPeriod: details.seriesPeriod } : {}),
    });
    await this.waitFor(
      async () => (await this.sql(`SELECT 1 FROM payment.payable_booking WHERE booking_id = $1`, [bookingId]))[0],
      'booking.approved to be consumed',
    );
    return { bookingId, organisationId, establishmentId, payer: member() };
  }

  /** Opens the checkout as a member of the organisation and pays it on the hosted page; waits for the webhook's effect. */
  async paidBooking(establishmentId: string, priceCents = 10_000) {
    const booking = await this.approvedBooking(establishmentId, priceCents);
    const checkout = await this.as(booking.payer, { organisations: [booking.organisationId] }).post<{
      paymentId: string;
      checkoutUrl: string;
    }>(`/bookings/${booking.bookingId}/checkout`);
    if (checkout.status !== 201)
      throw new Error(`checkout not opened: ${checkout.status} ${JSON.stringify(checkout.body)}`);
    const paid = await this.payOnPage(checkout.body.checkoutUrl);
    if (paid.status !== 303) throw new Error(`payment refused: ${paid.status}`);
    await this.waitFor(
      async () =>
        (
          await this.sql(`SELECT 1 FROM payment.payment WHERE id = $1 AND status = 'succeeded'`, [
            checkout.body.paymentId,
          ])
        )[0],
      'the payment to succeed',
    );
    return { ...booking, paymentId: checkout.body.paymentId, checkoutUrl: checkout.body.checkoutUrl };
  }

  async ledger(bookingId: string): Promise<{ party: string; entryType: string; amountCents: number }[]> {
    return this.sql(
      `SELECT party, entry_type AS "entryType", amount_cents::float8 AS "amountCents" FROM payment.ledger_entry WHERE booking_id = $1 ORDER BY id`,
      [bookingId],
    );
  }
}
