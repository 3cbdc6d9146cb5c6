import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  createTokenIssuer,
  generateSigningJwk,
  startJwksServer,
  type Caller,
  type JwksServer,
  type TokenIssuer,
} from '@salle/auth';
import { INTERNAL_ACCESS_CLAIM, type EventPayload, type EventType, type InternalAccessClaim } from '@salle/contracts';
import { notificationOperations } from '@salle/contracts/notification';
import { createDataSource, migrate } from '@salle/db';
import { eventTablesMigrations, createOutbox, createOutboxRelay, type OutboxRelay } from '@salle/events';
import { responseConformance } from '@salle/http';
import { createLogger } from '@salle/runtime';
import { migrateService, startService, type RunningService } from '@salle/service';
import {
  createTestDatabase,
  databaseTemplate,
  freePort,
  startBundledApp,
  startTcpProxy,
  testRedisUrl,
  uniqueKeyPrefix,
  waitForPort,
  type BundledApp,
  type TcpProxy,
  type TestDatabase,
} from '@salle/testing';
import { notificationConfig } from '../src/config';
import { DeliveryWorker } from '../src/delivery/delivery-worker';
import { createMailSender } from '../src/delivery/mail-sender';
import { notificationDatabase } from '../src/database';
import type { Audience } from '../src/messages/message-plan';
import { notificationService, type NotificationParts } from '../src/notification-service';

/** A message as the mail sandbox's JSON API gives it. */
export interface CaughtMessage {
  id: string;
  envelope: { from: string | null; to: string[] };
  messageId: string | null;
  from: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
}

type ProducerName = 'booking' | 'payment' | 'gateway';

/**
 * The notification schema with every migration applied, built once per jest run: each suite's database is a copy,
 * where the service's start finds no migration pending.
 */
const notificationTemplate = databaseTemplate([notificationDatabase], (url, database) =>
  migrateService({
    name: 'notification',
    logger: createLogger({ service: 'notification', level: 'silent' }),
    databaseUrl: url,
    database,
  }),
);

/** Every answer of the API the tests get is checked against the published description. */
const conforms = responseConformance(notificationOperations);

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

type Requested = EventPayload<'booking.requested'>;

/**
 * A `booking.requested` payload as booking publishes it for a one-off request: by default an evening slot on
 * 3 March 2026 at 45 €, to be decided by 20 February; `fields` give the ids and whatever a test needs otherwise.
 */
export function bookingRequested(
  fields: Pick<Requested, 'bookingId' | 'establishmentId' | 'organisationId'> & Partial<Requested>,
): Requested {
  return {
    spaceId: randomUUID(),
    seriesId: null,
    startsAt: '2026-03-03T18:00:00.000Z',
    endsAt: '2026-03-03T20:30:00.000Z',
    priceCents: 4500,
    decisionDueAt: '2026-02-20T12:00:00.000Z',
    ...fields,
  };
}

/** A stand-in for a producing service: its schema's outbox and a relay to its stream, as the real one does. */
class Producer {
  private readonly outbox;
  constructor(
    private readonly source: DataSource,
    private readonly schema: ProducerName,
    readonly relay: OutboxRelay,
  ) {
    this.outbox = createOutbox({ schema });
  }

  async publish<T extends EventType>(type: T, payload: EventPayload<T>, id = randomUUID()): Promise<string> {
    await this.source.transaction(async (manager) => {
      // The aggregates the services use: the booking, or the organisation of a membership change.
      const { bookingId, organisationId, accountId } = payload as {
        bookingId?: string;
        organisationId?: string;
        accountId?: string;
      };
      await this.outbox.add(manager, {
        type,
        aggregateId: bookingId ?? organisationId ?? accountId ?? randomUUID(),
        payload,
        id,
      });
    });
    return id;
  }

  /** The relay publishes this event once more, as after a crash between XADD and its marking. */
  async republish(id: string): Promise<void> {
    await this.source.query(
      `UPDATE ${this.schema}.event_outbox SET published_at = NULL, stream_ms = NULL, stream_seq = NULL, confirmed_at = NULL WHERE id = $1`,
      [id],
    );
  }
}

export interface KitOptions {
  /** Extra configuration of the notification service. */
  env?: Record<string, string>;
  /** The clock of the reminders. */
  now?: () => Date;
}

/** An SMS as the sms-sandbox's JSON API gives it. */
export interface CaughtSms {
  id: number;
  receiver: string;
  sender: string | null;
  message: string;
  noStopClause: boolean;
  encoding: 'gsm7' | 'ucs2';
  segments: number;
  /** What the sandbox told the delivery-report callback (1 delivered, 2 not), and what it answered. */
  deliveryReport: { dlr: 1 | 2; description: string; callbackStatus: number | null } | null;
}

/**
 * The notification service on loopback with a fresh database, the real
 * mail-sandbox in its own process behind a TCP proxy (so that a test can
 * take SMTP away and give it back), and stand-ins for the booking and
 * payment services publishing through their own outboxes and relays.
 */
export class NotificationTestKit {
  readonly webUrl = 'https://salles.example.fr';
  service: RunningService | undefined;
  parts: NotificationParts | undefined;
  booking: Producer | undefined;
  payment: Producer | undefined;
  gateway: Producer | undefined;
  smtp: TcpProxy | undefined;
  sandboxUrl = '';
  private database: TestDatabase | undefined;
  private sandbox: BundledApp | undefined;
  private smsSandbox: BundledApp | undefined;
  smsSandboxUrl = '';
  /** The clock the quiet hours of SMS are read on; the real one when null. */
  now: Date | null = null;
  private sources: DataSource[] = [];
  private jwks: JwksServer | undefined;
  private issuer: TokenIssuer | undefined;
  readonly eventsPrefix: string;

  private constructor(private readonly label: string) {
    this.eventsPrefix = uniqueKeyPrefix(`${label}-ev`);
  }

  static async start(label: string, options: KitOptions = {}): Promise<NotificationTestKit> {
    const kit = new NotificationTestKit(label);
    await kit.boot(options);
    return kit;
  }

  private async boot(options: KitOptions): Promise<void> {
    const [database, inboxPort, smtpPort, smsPort] = await Promise.all([
      createTestDatabase(this.label, { template: notificationTemplate }),
      freePort(),
      freePort(),
      freePort(),
    ]);
    this.database = database;
    const issuer = await createTokenIssuer(await generateSigningJwk());
    this.issuer = issuer;
    this.jwks = await startJwksServer(() => issuer);
    this.sandbox = await startBundledApp('mail-sandbox', {
      LOG_LEVEL: 'warn',
      MAIL_SANDBOX_PORT: String(inboxPort),
      MAIL_SANDBOX_SMTP_PORT: String(smtpPort),
    });
    this.smsSandbox = await startBundledApp('sms-sandbox', { LOG_LEVEL: 'warn', SMS_SANDBOX_PORT: String(smsPort) });
    await Promise.all([
      waitForPort('127.0.0.1', inboxPort, 20_000),
      waitForPort('127.0.0.1', smtpPort, 20_000),
      waitForPort('127.0.0.1', smsPort, 20_000),
    ]);
    this.smsSandboxUrl = `http://127.0.0.1:${smsPort}`;
    this.sandboxUrl = `http://127.0.0.1:${inboxPort}`;
    this.smtp = await startTcpProxy('127.0.0.1', smtpPort);
    const config = notificationConfig.parse({
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      INTERNAL_JWKS_URL: this.jwks.url,
      EVENTS_KEY_PREFIX: this.eventsPrefix,
      WEB_PUBLIC_URL: this.webUrl,
      NOTIFICATION_DEPARTMENT_NAME: 'Département de l’Isère',
      SMTP_URL: `smtp://127.0.0.1:${this.smtp.port}`,
      SMTP_TIMEOUT_MS: '2000',
      NOTIFICATION_DELIVERY_POLL_MS: '100',
      NOTIFICATION_RETRY_INITIAL_MS: '200',
      NOTIFICATION_RETRY_MAX_MS: '1000',
      NOTIFICATION_SMS_ENABLED: 'true',
      OVH_SMS_ENDPOINT: `${this.smsSandboxUrl}/1.0`,
      SMS_SENDER: 'Isere',
      SMS_TIMEOUT_MS: '2000',
      ...options.env,
    });
    const logger = createLogger({ service: 'notification', level: 'silent' });
    this.service = await startService({
      ...notificationService(config, logger, {
        onStarted: (parts) => (this.parts = parts),
        now: () => this.now ?? options.now?.() ?? new Date(),
      }),
      port: 0,
      metrics: { host: '127.0.0.1', port: 0 },
      redisKeyPrefix: uniqueKeyPrefix(this.label),
    });
    this.booking = await this.producer('booking');
    this.payment = await this.producer('payment');
    this.gateway = await this.producer('gateway');
  }

  private async producer(schema: ProducerName): Promise<Producer> {
    const source = createDataSource({ url: this.db.url, schema, migrations: [...eventTablesMigrations(schema)] });
    await source.initialize();
    await migrate(source);
    this.sources.push(source);
    const relay = createOutboxRelay({
      dataSource: source,
      redis: this.running.redis,
      keyPrefix: this.eventsPrefix,
      stream: schema,
      consumerGroups: ['notification'],
      logger: createLogger({ service: `${schema}-stand-in`, level: 'silent' }),
      confirmIntervalMs: 200,
    });
    await relay.start();
    return new Producer(source, schema, relay);
  }

  get running(): RunningService {
    if (!this.service) throw new Error('kit not started');
    return this.service;
  }

  private get db(): TestDatabase {
    if (!this.database) throw new Error('kit not started');
    return this.database;
  }

  get dataSource(): DataSource {
    return this.running.dataSource;
  }

  /** The URL of the kit's database, for a second replica's connections. */
  get databaseUrl(): string {
    return this.db.url;
  }

  /**
   * The e-mail sender of another replica (not started), on the kit's database and SMTP proxy, signing with its own
   * `from` address so that a test can tell which replica sent a message.
   */
  replicaSender(
    from: string,
    options: { pollMs: number; batchSize: number; maxConnections: number },
    logger = createLogger({ service: 'replica', level: 'silent' }),
  ): DeliveryWorker {
    if (!this.smtp) throw new Error('kit not started');
    const email = createMailSender({
      smtpUrl: `smtp://127.0.0.1:${this.smtp.port}`,
      from,
      maxConnections: options.maxConnections,
      timeoutMs: 2_000,
      dkim: null,
    });
    const { pollMs, batchSize } = options;
    const retry = { maxAttempts: 5, initialMs: 100, maxMs: 500 };
    return new DeliveryWorker(
      this.dataSource,
      { email, sms: null },
      { pollMs, batchSize, leaseMs: 60_000, retry },
      logger,
    );
  }

  /** Waits until `sql` (returning one row with `n`) gives `expected`. */
  async until(sql: string, parameters: unknown[], expected: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const [row] = (await this.dataSource.query(sql, parameters)) as { n: number }[];
      if (row?.n === expected) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`never reached ${expected}: ${sql}`);
  }

  /**
   * A GET on the service's API as the gateway makes it: an internal token for
   * `caller` (none: a visitor) with what the caller acts for in its `access` claim.
   */
  get<T = Record<string, unknown>>(
    path: string,
    caller: Caller | null,
    access: Partial<InternalAccessClaim> = {},
  ): Promise<ApiAnswer<T>> {
    return this.call<T>('GET', path, caller, { access });
  }

  /** Any call of the API, as the gateway makes it; `json` is sent as the body, or `form` form-encoded. */
  async call<T = Record<string, unknown>>(
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    caller: Caller | null,
    options: { access?: Partial<InternalAccessClaim>; json?: unknown; form?: string } = {},
  ): Promise<ApiAnswer<T>> {
    if (!this.issuer) throw new Error('kit not started');
    const headers: Record<string, string> = {};
    if (caller) {
      const claim = {
        organisations: options.access?.organisations ?? [],
        establishments: options.access?.establishments ?? [],
      };
      const token = await this.issuer.mint(caller, 'notification', { [INTERNAL_ACCESS_CLAIM]: claim });
      headers['authorization'] = `Bearer ${token}`;
    }
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = options.form;
    }
    const response = await fetch(`${this.running.url}${path}`, { method, headers, body });
    const type = response.headers.get('content-type');
    const answer: unknown = type?.includes('json') ? await response.json() : await response.text();
    const mismatches = conforms({ method, path, status: response.status, contentType: type, body: answer });
    if (mismatches.length > 0)
      throw new Error(`the answer does not match the notification API description:\n${mismatches.join('\n')}`);
    return { status: response.status, body: answer as T };
  }

  /** A POST without body as the gateway makes it (an internal token for `caller`; none: a visitor). */
  async post<T = Record<string, unknown>>(path: string, caller: Caller | null): Promise<ApiAnswer<T>> {
    if (!this.issuer) throw new Error('kit not started');
    const headers: Record<string, string> = {};
    if (caller) headers['authorization'] = `Bearer ${await this.issuer.mint(caller, 'notification')}`;
    const response = await fetch(`${this.running.url}${path}`, { method: 'POST', headers });
    const type = response.headers.get('content-type');
    const body: unknown = type?.includes('json') ? await response.json() : await response.text();
    const mismatches = conforms({ method: 'POST', path, status: response.status, contentType: type, body });
    if (mismatches.length > 0)
      throw new Error(`the answer does not match the notification API description:\n${mismatches.join('\n')}`);
    return { status: response.status, body: body as T };
  }

  /** Who is told for an organisation or a collège; `phone` lists the contact's number, E.164, with or without consent to SMS. */
  async addRecipient(
    audience: Audience,
    partyId: string,
    email: string,
    displayName: string | null = null,
    phone: { number: string; smsConsent: boolean } | null = null,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification.recipient (party_kind, party_id, email, display_name, phone, sms_consent_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END)`,
      [audience, partyId, email, displayName, phone?.number ?? null, phone?.smsConsent ?? false],
    );
  }

  /**
   * A booking request by a new organisation whose one member is `<tag>.<booking id>@example.test` (the collège has
   * nobody to tell): one message, to that member. The event's id, the member and the booking's id.
   */
  async requestForNewMember(tag: string): Promise<{ eventId: string; member: string; bookingId: string }> {
    if (!this.booking) throw new Error('kit not started');
    const ids = {
      bookingId: randomUUID(),
      establishmentId: randomUUID(),
      organisationId: randomUUID(),
      spaceId: randomUUID(),
    };
    const member = `${tag}.${ids.bookingId.slice(0, 8)}@example.test`;
    await this.addRecipient('organisation', ids.organisationId, member);
    const eventId = await this.booking.publish(
      'booking.requested',
      bookingRequested({ ...ids, endsAt: '2026-03-03T20:00:00.000Z', priceCents: 0 }),
    );
    return { eventId, member, bookingId: ids.bookingId };
  }

  /** An account's e-mail, announced as the gateway does at login. */
  async announceContact(accountId: string, email: string, displayName: string): Promise<void> {
    if (!this.gateway) throw new Error('kit not started');
    await this.gateway.publish('account.contact_changed', { accountId, email, displayName });
  }

  /** The SMS the sms-sandbox received for `to` (E.164), oldest first. */
  async smsInbox(to: string): Promise<CaughtSms[]> {
    const answer = await fetch(`${this.smsSandboxUrl}/api/messages?to=${encodeURIComponent(to)}`);
    return ((await answer.json()) as { items: CaughtSms[] }).items.reverse();
  }

  /**
   * Sets the sms-sandbox's delivery-report callback (as on an OVHcloud account) to this service with `key`
   * (null: no reports), and the numbers it reports not delivered.
   */
  async smsReports(key: string | null, undeliverable: string[] = []): Promise<void> {
    const callBack = key === null ? null : `${this.running.url}/sms/delivery-reports/${key}`;
    const answer = await fetch(`${this.smsSandboxUrl}/api/delivery-reports`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callBack, undeliverable }),
    });
    if (!answer.ok) throw new Error(`sms-sandbox refused the report settings: ${answer.status}`);
  }

  /** Makes the sms-sandbox answer every job with `status` (null: accept again). */
  async smsFault(status: number | null): Promise<void> {
    await fetch(`${this.smsSandboxUrl}/api/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rejectWith: status }),
    });
  }

  async inbox(to?: string): Promise<CaughtMessage[]> {
    const answer = await fetch(`${this.sandboxUrl}/api/messages${to ? `?to=${encodeURIComponent(to)}` : ''}`);
    return ((await answer.json()) as { items: CaughtMessage[] }).items;
  }

  async clearInbox(): Promise<void> {
    await fetch(`${this.sandboxUrl}/api/messages`, { method: 'DELETE' });
  }

  /** Makes the sandbox's SMTP answer every message with `code` (null: accept again). */
  async smtpFault(code: number | null): Promise<void> {
    await fetch(`${this.sandboxUrl}/api/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rejectWith: code }),
    });
  }

  /** Waits until `to` has received `count` messages (and a little longer, so that a duplicate would show). */
  async messagesTo(to: string, count: number, timeoutMs = 10_000): Promise<CaughtMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const messages = await this.inbox(to);
      if (messages.length >= count || Date.now() > deadline) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return (await this.inbox(to)).reverse();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The send log's rows, oldest first. */
  async sendLog(): Promise<
    {
      eventType: string;
      recipient: string;
      template: string;
      status: string;
      attempts: number;
      lastError: string | null;
    }[]
  > {
    return (await this.dataSource.query(
      `SELECT event_type AS "eventType", recipient, template, status, attempts, last_error AS "lastError" FROM notification.message ORDER BY created_at, recipient`,
    )) as {
      eventType: string;
      recipient: string;
      template: string;
      status: string;
      attempts: number;
      lastError: string | null;
    }[];
  }

  /** Waits until no message is pending or being sent. */
  async settled(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const [{ open }] = (await this.dataSource.query(
        `SELECT count(*)::int AS open FROM notification.message WHERE status IN ('pending', 'sending')`,
      )) as [{ open: number }];
      if (open === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('messages still pending');
  }

  async stop(): Promise<void> {
    await this.booking?.relay.stop();
    await this.payment?.relay.stop();
    await this.gateway?.relay.stop();
    await Promise.all(this.sources.map((source) => source.destroy()));
    await this.service?.stop();
    await this.smtp?.close();
    await this.sandbox?.stop();
    await this.smsSandbox?.stop();
    await this.jwks?.close();
    await this.database?.drop();
  }
}
