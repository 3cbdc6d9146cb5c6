// « Supprimer mon compte »: a person records an erasure request, a département admin sees it with its deadline
// and executes it; the real booking, notification and payment services (child processes) erase their part.
// Afterwards the person's name, e-mail, federation subject and account id are nowhere in the database, Redis or
// the document store but in what a law keeps.
import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import { testRedisUrl, type Browser } from '@salle/testing';
import type { ErasureRequestView, ErasureRequests } from '@salle/contracts';
import { deadLetterKey, encodeEnvelope, listDeadLetters } from '@salle/events';
import { me } from './support/login-flow';
import { seedPaymentRecords } from './support/payment-records';
import { bookedBy, claimsOn, delegatedTo, signedConvention, uploadCertificate } from './support/privacy-seed';
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

/**
 * The uuid columns of `schema` (every schema when absent) holding `id`: `schema.table.column` (the text scan above
 * does not read uuids).
 */
async function uuidColumnsHolding(schema: string | undefined, id: string): Promise<string[]> {
  const columns = (await rowsOf(
    `SELECT table_schema, table_name, column_name FROM information_schema.columns
      WHERE data_type = 'uuid' AND table_schema NOT IN ('pg_catalog', 'information_schema')
        AND ($1::text IS NULL OR table_schema = $1)`,
    [schema ?? null],
  )) as { table_schema: string; table_name: string; column_name: string }[];
  const found: string[] = [];
  for (const { table_schema, table_name, column_name } of columns) {
    const [row] = (await rowsOf(
      `SELECT count(*)::int AS n FROM "${table_schema}"."${table_name}" WHERE "${column_name}" = $1`,
      [id],
    )) as { n: number }[];
    if ((row?.n ?? 0) > 0) found.push(`${table_schema}.${table_name}.${column_name}`);
  }
  return found;
}

/** Every file of the stack's local object store (objects and their metadata), by key: path from the store's root. */
async function storedFiles(): Promise<string[]> {
  const entries = await readdir(stack.storageDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(stack.storageDir, path.join(entry.parentPath, entry.name)));
}

/** The files of the object store whose key or bytes (read as text, as a search of the store would) hold a needle. */
async function storedFilesHolding(needles: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const key of await storedFiles()) {
    const text = `${key} ${(await readFile(path.join(stack.storageDir, key))).toString('latin1')}`.toLowerCase();
    if (needles.some((needle) => text.includes(needle.toLowerCase()))) found.push(key);
  }
  return found;
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

/** How many events of every service's outbox name `id` and still wait for a consumer group to confirm them. */
async function eventsInFlightNaming(id: string): Promise<number> {
  const outboxes = (await rowsOf(
    `SELECT table_schema FROM information_schema.tables WHERE table_name = 'event_outbox'`,
    [],
  )) as { table_schema: string }[];
  let total = 0;
  for (const { table_schema } of outboxes) {
    const [row] = (await rowsOf(
      `SELECT count(*)::int AS n FROM "${table_schema}".event_outbox
        WHERE confirmed_at IS NULL AND (aggregate_id = $1 OR strpos(payload::text, $1) > 0)`,
      [id],
    )) as { n: number }[];
    total += row?.n ?? 0;
  }
  return total;
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
    const bookingId = await bookedBy(stack, angela, admin, angelaOrganisation);
    const jeanneOrganisation = await declareOrganisation(
      (url, init) => jeanne.request(url, init),
      stack.gateway.url,
      'Chorale des Alpes',
      'W381000456',
    );
    const angelaId = (await me(angela, stack.gateway)).body.account.id;
    const jeanneId = (await me(jeanne, stack.gateway)).body.account.id;
    const payer = { email: 'wossewodda-3728@yopmail.com', name: 'Angela DUBOIS' };
    await seedPaymentRecords(stack.database.url, angelaId, payer, 'a1');
    await seedPaymentRecords(
      stack.database.url,
      jeanneId,
      { email: 'jeanne.dupont@example.test', name: 'Jeanne DUPONT' },
      'j1',
    );
    await uploadCertificate(stack, angela, angelaOrganisation);
    // The four tables that named her without the erasure knowing: a convention she signed, a standing delegation
    // to sign for the département, her claims on a number, and a flag's contact with its payer (seeded above).
    await signedConvention(stack, bookingId, angelaId, 'Angela Claire Louise DUBOIS');
    await delegatedTo(stack, admin, angelaId);
    await claimsOn(stack, angela, admin, { holderId: jeanneOrganisation, number: 'W381000456', name: 'Angela DUBOIS' });
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

    // Every event naming her delivered: an event still in flight at the erasure keeps her id until it is pruned.
    const delivered = Date.now() + 15_000;
    while ((await eventsInFlightNaming(angelaId)) > 0) {
      if (Date.now() > delivered) throw new Error('events naming her never delivered');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const executePath = `/api/admin/erasure-requests/${requested.body.id}/execute`;
    expect((await call(jeanne, '/api/admin/erasure-requests')).status).toBe(403);
    expect((await call(angela, executePath, fromSite(stack.gateway.url, 'POST'))).status).toBe(403);
    const queue = await call<ErasureRequests>(admin, '/api/admin/erasure-requests');
    expect(queue.body.items).toEqual([expect.objectContaining({ id: requested.body.id, executedAt: null })]);

    const executed = await call<ErasureRequestView>(admin, executePath, fromSite(stack.gateway.url, 'POST'));
    expect(executed.status).toBe(200);
    expect(executed.body.executedAt).not.toBeNull();
    // Her signature stays with the convention, as long as the convention: five years after its session.
    const [{ endsAt }] = (await rowsOf(`SELECT ends_at AS "endsAt" FROM booking.booking WHERE id = $1`, [
      bookingId,
    ])) as { endsAt: Date }[];
    const signatureKeptUntil = new Date(endsAt);
    signatureKeptUntil.setUTCFullYear(signatureKeptUntil.getUTCFullYear() + 5);
    expect(executed.body.report).toEqual({
      // Her membership, her delegation and her pending claim.
      booking: {
        removed: 3,
        kept: [
          { what: 'bookings', count: 1, reason: expect.stringMatching(/comptables/), keptUntil: expect.any(String) },
          {
            what: 'convention_signatures',
            count: 1,
            reason: expect.stringMatching(/Preuve de signature de la convention/),
            keptUntil: signatureKeptUntil.toISOString().slice(0, 10),
          },
        ],
      },
      notification: { removed: expect.any(Number), kept: [] },
      // The payer e-mail given to PayFiP and the payer's details in Stripe's copy of the checkout.
      payment: {
        removed: 2,
        kept: [
          { what: 'payments', count: 2, reason: expect.stringMatching(/comptables/), keptUntil: expect.any(String) },
          { what: 'invoices', count: 1, reason: expect.stringMatching(/comptables/), keptUntil: expect.any(String) },
        ],
      },
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
    // Her name is kept only as she signed the convention (the evidence), without her account.
    expect(await columnsHolding(needles)).toEqual(['booking.convention_signature.display_name']);
    expect(
      await rowsOf(
        `SELECT g.signer_account_id AS signer, c.completed_at IS NOT NULL AS complete
           FROM booking.convention_signature g JOIN booking.convention c ON c.id = g.convention_id`,
        [],
      ),
    ).toEqual([{ signer: '00000000-0000-0000-0000-000000000000', complete: true }]);
    // The dismissed claim stays as the admins' decision, without her; the pending one and the delegation are gone.
    expect(
      await rowsOf(
        `SELECT claimant_account_id AS claimant, claimant_display_name AS name, status FROM booking.organisation_claim`,
        [],
      ),
    ).toEqual([{ claimant: '00000000-0000-0000-0000-000000000000', name: 'Compte supprimé', status: 'dismissed' }]);
    expect(await rowsOf(`SELECT account_id FROM booking.convention_delegate`, [])).toEqual([]);
    expect(await redisKeysHolding(needles)).toEqual([]);
    // Her account id, in every column of every schema (uuid, text or JSON), Redis and the streams: only in the
    // record of her request (what was done, and what a law keeps), and no event of any outbox names her.
    expect({
      columns: [...(await uuidColumnsHolding(undefined, angelaId)), ...(await columnsHolding([angelaId]))],
      redis: await redisKeysHolding([angelaId]),
      streams: await streamEntriesHolding([angelaId]),
    }).toEqual({ columns: ['gateway.erasure_request.account_id'], redis: [], streams: [] });
    // Payments and invoices stay for the accounts, amounts and references, with no account id (the collège's payout
    // account keeps the erased account's stand-in).
    expect(await uuidColumnsHolding('payment', angelaId)).toEqual([]);
    expect(await rowsOf(`SELECT count(*)::int AS n FROM payment.payment WHERE created_by IS NULL`, [])).toEqual([
      { n: 2 },
    ]);
    // The document store (the certificate she uploaded, the booking's convention) names her nowhere.
    const files = await storedFiles();
    expect(files.some((key) => key.startsWith('objects/conventions/'))).toBe(true);
    expect(files.some((key) => key.startsWith('objects/insurance/'))).toBe(true);
    expect(await storedFilesHolding([...needles, angelaId])).toEqual([]);
    // Jeanne's payments keep her payer e-mail and details.
    expect(
      await rowsOf(
        `SELECT (SELECT count(*)::int FROM payment.payment WHERE request->>'payerEmail' = $1) AS payments,
                (SELECT count(*)::int FROM payment.provider_event
                  WHERE payload->'data'->'object'->'customer_details'->>'email' = $1) AS events`,
        ['jeanne.dupont@example.test'],
      ),
    ).toEqual([{ payments: 1, events: 1 }]);
    expect(await uuidColumnsHolding('payment', jeanneId)).toHaveLength(7);
    expect(
      await rowsOf(`SELECT contacted_by FROM payment.payment_flag_contact WHERE contacted_by IS DISTINCT FROM $1`, [
        jeanneId,
      ]),
    ).toEqual([{ contacted_by: null }]);
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
    // Four services, and every schema, stream and stored file searched more than once: longer than the default.
  }, 120_000);
});
