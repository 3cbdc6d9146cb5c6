// « Supprimer mon compte »: a person records an erasure request, a département admin sees it with its deadline
// and executes it; the real booking and notification services (child processes) erase their part. Afterwards
// the person's name, e-mail and federation subject are nowhere in the database but in what a law keeps.
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import { testRedisUrl, type Browser } from '@salle/testing';
import type { ErasureRequestView, ErasureRequests } from '@salle/contracts';
import { deadLetterKey, encodeEnvelope, listDeadLetters } from '@salle/events';
import { me } from './support/login-flow';
import { declareOrganisation, fromSite } from './support/privacy-services';
import { startPrivacyStack, type PrivacyStack } from './support/privacy-stack';

let stack: PrivacyStack;

beforeAll(async () => {
  stack = await startPrivacyStack('gateway_erasure');
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

async function call<T>(browser: Browser, path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await browser.request(`${stack.gateway.url}${path}`, init);
  return { status: response.status, body: (await response.json()) as T };
}

/** Every text, varchar and jsonb column of every schema holding one of `needles`: `schema.table.column`. */
async function columnsHolding(needles: readonly string[]): Promise<string[]> {
  const client = new Client({ connectionString: stack.database.url });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{ table_schema: string; table_name: string; column_name: string }>(
      `SELECT table_schema, table_name, column_name FROM information_schema.columns
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
          AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
    );
    const found: string[] = [];
    for (const { table_schema, table_name, column_name } of columns) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table_schema}"."${table_name}"
          WHERE "${column_name}"::text ILIKE ANY($1)`,
        [needles.map((needle) => `%${needle}%`)],
      );
      if ((rows[0]?.n ?? 0) > 0) found.push(`${table_schema}.${table_name}.${column_name}`);
    }
    return found;
  } finally {
    await client.end();
  }
}

/** The string and hash values of the gateway's Redis keys (sessions, login attempts...) holding one of `needles`. */
async function redisKeysHolding(needles: readonly string[]): Promise<string[]> {
  const redis = new Redis(testRedisUrl());
  try {
    const prefix = stack.gateway.service.redis.options.keyPrefix ?? '';
    const found: string[] = [];
    for (const key of await redis.keys(`${prefix}*`)) {
      const type = await redis.type(key);
      const value =
        type === 'string'
          ? await redis.get(key)
          : type === 'hash'
            ? JSON.stringify(await redis.hgetall(key))
            : type === 'set'
              ? JSON.stringify(await redis.smembers(key))
              : '';
      if (needles.some((needle) => value?.toLowerCase().includes(needle.toLowerCase()))) found.push(key);
    }
    return found;
  } finally {
    redis.disconnect();
  }
}

async function rowsOf(sql: string, values: unknown[]): Promise<unknown[]> {
  const client = new Client({ connectionString: stack.database.url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** A collège with a gymnasium, its ProConnect agent, the organisation verified, and one booking it requests. */
async function bookedBy(person: Browser, admin: Browser, organisationId: string): Promise<string> {
  const send = async <T>(browser: Browser, method: 'POST' | 'PUT', path: string, body?: unknown) => {
    const answer = await call<T>(browser, path, fromSite(stack.gateway.url, method, body));
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const establishment = await send<{ id: string }>(admin, 'POST', '/api/booking/establishments', {
    uai: '0382111N',
    siret: '99990038421115',
    name: 'Collège Champollion',
    address: '1 cours La Fontaine',
    postalCode: '38000',
    communeName: 'Grenoble',
    communeInsee: '38185',
    latitude: 45.1885,
    longitude: 5.7245,
    schoolZone: 'A',
    status: 'active',
  });
  const agent = await stack.loggedIn('proconnect', 'Claire MARTIN');
  const space = await send<{ id: string }>(agent, 'POST', `/api/booking/establishments/${establishment.id}/spaces`, {
    kind: 'gymnasium',
    name: 'Gymnase',
    capacity: 120,
    areaM2: 900,
    equipment: [],
    stepFreeAccess: true,
    description: '',
    photoUrls: [],
    bufferMinutes: 0,
    minDurationMinutes: 60,
    maxDurationMinutes: 240,
    minNoticeHours: 48,
    maxHorizonDays: 365,
    approvalRequired: true,
    allowedCategories: ['association'],
    closedOnPublicHolidays: false,
    active: true,
  });
  await send(agent, 'PUT', `/api/booking/spaces/${space.id}/opening-rules`, {
    rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
  });
  await send(agent, 'PUT', `/api/booking/spaces/${space.id}/tariffs`, {
    tariffs: [{ category: 'association', hourlyCents: 1500 }],
  });
  await send(admin, 'POST', `/api/booking/organisations/${organisationId}/verify`);
  // A Saturday three weeks or more ahead, 10:00 to 12:00 in Paris whatever the season.
  const day = new Date(Date.now() + 21 * 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((6 - day.getUTCDay() + 7) % 7));
  const date = day.toISOString().slice(0, 10);
  const booked = await send<{ id: string }>(person, 'POST', '/api/booking/bookings', {
    spaceId: space.id,
    organisationId,
    startsAt: `${date}T09:00:00Z`,
    endsAt: `${date}T11:00:00Z`,
    purpose: 'Entraînement',
    attendees: 10,
  });
  return booked.id;
}

/** The entries of the deployment's event streams and dead letters holding one of `needles`: `key id`. */
async function streamEntriesHolding(needles: readonly string[]): Promise<string[]> {
  const redis = new Redis(testRedisUrl());
  try {
    const found: string[] = [];
    const keys = [
      ...(await redis.keys(`${stack.eventsKeyPrefix}stream:*`)),
      ...(await redis.keys(`${stack.eventsKeyPrefix}dead-letter:*`)),
    ];
    for (const key of keys) {
      if ((await redis.type(key)) !== 'stream') continue;
      for (const [id, fields] of await redis.xrange(key, '-', '+')) {
        const text = fields.join(' ').toLowerCase();
        if (needles.some((needle) => text.includes(needle.toLowerCase()))) found.push(`${key} ${id}`);
      }
    }
    return found;
  } finally {
    redis.disconnect();
  }
}

/**
 * A dead letter as notification's consumer writes one when its handler keeps failing on an announcement of a
 * person's contact: where it came from, why it died, and a full copy of the event (read back by listDeadLetters).
 */
async function deadLetteredContact(accountId: string, email: string, displayName: string): Promise<void> {
  const envelope = encodeEnvelope({
    id: randomUUID(),
    type: 'account.contact_changed',
    version: 1,
    aggregateId: accountId,
    occurredAt: new Date().toISOString(),
    requestId: null,
    payload: { accountId, email, displayName },
  });
  const record = Object.fromEntries(envelope.flatMap((value, i) => (i % 2 === 0 ? [[value, envelope[i + 1]]] : [])));
  const redis = new Redis(testRedisUrl());
  try {
    await redis.xadd(
      deadLetterKey(stack.eventsKeyPrefix, 'notification'),
      '*',
      ...['group', 'notification', 'stream', 'gateway', 'entry_id', '1-0', 'event_id', String(record['id'])],
      ...['type', 'account.contact_changed', 'version', '1', 'reason', 'handler failed after 5 attempts: timeout'],
      ...['attempts', '5', 'dead_at', new Date().toISOString(), 'consumer', 'notification-1'],
      ...['fields', JSON.stringify(record)],
    );
  } finally {
    redis.disconnect();
  }
}

/** A session as gateways before the per-account index wrote it (no `account-sessions:` entry); its id. */
async function unindexedSession(accountId: string, displayName: string, email: string): Promise<string> {
  const redis = stack.gateway.service.redis;
  const id = randomBytes(32).toString('base64url');
  const data = { accountId, provider: 'franceconnect', displayName, email, roles: [], idToken: 'x', csrfToken: 'y' };
  await redis.hset(`session:${id}`, 'data', JSON.stringify(data), 'absoluteExpiresAt', String(Date.now() + 3_600_000));
  await redis.pexpire(`session:${id}`, 3_600_000);
  return id;
}

describe('erasure requests', () => {
  it('records the request with a one-month deadline, shows it to admins only, and erases the person', async () => {
    const angela = await stack.loggedIn('franceconnect', 'test');
    await stack.loggedIn('franceconnect', 'test');
    const jeanne = await stack.loggedIn('franceconnect', 'bdd_default');
    const admin = await stack.loggedIn('proconnect', 'Nathalie ROUX');
    const angelaOrganisation = await declareOrganisation(
      (url, init) => angela.request(url, init),
      stack.gateway.url,
      'Basket Club',
      'W381000123',
    );
    const bookingId = await bookedBy(angela, admin, angelaOrganisation);
    const jeanneOrganisation = await declareOrganisation(
      (url, init) => jeanne.request(url, init),
      stack.gateway.url,
      'Chorale des Alpes',
      'W381000456',
    );
    const angelaId = (await me(angela, stack.gateway)).body.account.id;
    const subject = (await call<{ gateway: { account: { subject: string } } }>(angela, '/api/me/personal-data')).body
      .gateway.account.subject;
    const needles = ['Angela', 'wossewodda', subject];
    // The contact reached notification (an event): there is something to erase there too.
    const deadline = Date.now() + 15_000;
    while ((await columnsHolding(['wossewodda'])).every((column) => !column.startsWith('notification.'))) {
      if (Date.now() > deadline) throw new Error('notification never heard of the contact');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    // Copies of both contacts left in notification's dead letters: Angela's must go, Jeanne's stay.
    const jeanneId = (await me(jeanne, stack.gateway)).body.account.id;
    await deadLetteredContact(angelaId, 'wossewodda-3728@yopmail.com', 'Angela Claire Louise DUBOIS');
    await deadLetteredContact(jeanneId, 'jeanne.dupont@example.test', 'Jeanne DUPONT');
    const notificationLetters = () =>
      listDeadLetters({ redis: stack.gateway.service.redis, keyPrefix: stack.eventsKeyPrefix, group: 'notification' });
    expect(await notificationLetters()).toHaveLength(2);
    // Sessions opened before the per-account index: Angela's must end too, Jeanne's not.
    await unindexedSession(angelaId, 'Angela Claire Louise DUBOIS', 'wossewodda-3728@yopmail.com');
    const jeanneOldSession = await unindexedSession(jeanneId, 'Jeanne DUPONT', 'jeanne.dupont@example.test');

    const requested = await call<ErasureRequestView>(
      angela,
      '/api/me/erasure-request',
      fromSite(stack.gateway.url, 'POST'),
    );
    expect(requested.status).toBe(201);
    const days = (Date.parse(requested.body.deadlineAt) - Date.parse(requested.body.requestedAt)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(28);
    expect(days).toBeLessThanOrEqual(31);
    const again = await call<ErasureRequestView>(
      angela,
      '/api/me/erasure-request',
      fromSite(stack.gateway.url, 'POST'),
    );
    expect([again.status, again.body.id]).toEqual([200, requested.body.id]);

    const executePath = `/api/admin/erasure-requests/${requested.body.id}/execute`;
    expect((await call(jeanne, '/api/admin/erasure-requests')).status).toBe(403);
    expect((await call(angela, executePath, fromSite(stack.gateway.url, 'POST'))).status).toBe(403);
    const queue = await call<ErasureRequests>(admin, '/api/admin/erasure-requests');
    expect(queue.body.items).toEqual([expect.objectContaining({ id: requested.body.id, executedAt: null })]);

    const executed = await call<ErasureRequestView>(admin, executePath, fromSite(stack.gateway.url, 'POST'));
    expect(executed.status).toBe(200);
    expect(executed.body.executedAt).not.toBeNull();
    expect(executed.body.report).toEqual({
      booking: {
        removed: 1,
        kept: [
          { what: 'bookings', count: 1, reason: expect.stringMatching(/comptables/), keptUntil: expect.any(String) },
        ],
      },
      notification: { removed: expect.any(Number), kept: [] },
      deadLetters: { removed: 1, kept: [] },
    });
    // Idempotent: executing again gives the same record.
    expect((await call<ErasureRequestView>(admin, executePath, fromSite(stack.gateway.url, 'POST'))).body).toEqual(
      executed.body,
    );

    expect((await me(angela, stack.gateway)).status).toBe(401);
    // The booking is kept for the accounts, without the person; their name, e-mail and subject are gone everywhere.
    expect(await rowsOf(`SELECT requested_by FROM booking.booking WHERE id = $1`, [bookingId])).toEqual([
      { requested_by: '00000000-0000-0000-0000-000000000000' },
    ]);
    expect(await columnsHolding(needles)).toEqual([]);
    expect(await redisKeysHolding(needles)).toEqual([]);
    expect(await stack.gateway.service.redis.exists(`session:${jeanneOldSession}`)).toBe(1);
    // The relay trims only what every consumer confirmed: the copies of the contact still there were deleted.
    expect(await streamEntriesHolding(needles)).toEqual([]);
    // No dead letter names her any more; the other person's is still there to replay.
    expect((await notificationLetters()).map((letter) => letter.fields['aggregate'])).toEqual([jeanneId]);
    // Another person is untouched.
    const jeanneData = await call<{ booking: { memberships: { organisationId: string }[] } }>(
      jeanne,
      '/api/me/personal-data',
    );
    expect(jeanneData.body.booking.memberships.map((m) => m.organisationId)).toEqual([jeanneOrganisation]);
    expect(angelaId).toBe(executed.body.accountId);
  });
});
