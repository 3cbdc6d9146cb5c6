// Payment benchmark: the real payment service and stripe-sandbox processes
// (bundled with esbuild as the dev stack runs them), real PostgreSQL and Redis.
//
//   SWC_NODE_PROJECT=tools/test-runner/tsconfig.register.json \
//     node -r @swc-node/register tools/bench/payment/run.ts
//
// Environment: DATABASE_URL (admin connection; a scratch database is created
// and dropped), REDIS_URL, BENCH_RATE (webhooks/s, default 200), BENCH_SECONDS
// (default 10), BENCH_CHECKOUTS (default 300), BENCH_CONCURRENCY (checkout
// requests in flight, default 8), BENCH_ACTIONABLE=0 (only events the service
// stores as done, no checkout re-reads), BENCH_PROFILE_DIR (writes a CPU profile of
// the payment service there).
//
// 1. Webhook acknowledgement: signed Stripe events posted open-loop at
//    BENCH_RATE per second (each at its scheduled time, without waiting for the
//    previous one; 10 % are redeliveries of an earlier event, 10 % make the
//    service re-read a checkout at the sandbox after the acknowledgement);
//    latency = from sending the request to receiving the 200, measured by the
//    client, and the service's own histogram.
// 2. Checkout creations: POST /bookings/:id/checkout with a minted internal
//    token, BENCH_CONCURRENCY at a time: the service records the payment, the
//    SDK creates the session at the sandbox, the service records it with its
//    outbox event. Reported as creations per second and latency.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { importJWK, SignJWT } from 'jose';
import { Client } from 'pg';
import {
  createTokenIssuer,
  generateSigningJwk,
  INTERNAL_TOKEN_ALG,
  INTERNAL_TOKEN_ISSUER,
  startJwksServer,
} from '@salle/auth';
import { INTERNAL_ACCESS_CLAIM, STRIPE_API_VERSION, STRIPE_SANDBOX_DEFAULTS } from '@salle/contracts';
import { bundleOf, freePort, waitForPort } from '@salle/testing';

const env = process.env;
const root = path.resolve(__dirname, '../../..');
const adminUrl = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const rate = Number(env['BENCH_RATE'] ?? 200);
const seconds = Number(env['BENCH_SECONDS'] ?? 10);
const checkouts = Number(env['BENCH_CHECKOUTS'] ?? 300);
const concurrency = Number(env['BENCH_CONCURRENCY'] ?? 8);

const say = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Error lines the services logged, reported at the end. */
const serviceErrors: string[] = [];

function start(file: string, vars: Record<string, string>): ChildProcess {
  const profile =
    env['BENCH_PROFILE_DIR'] && file.includes('payment')
      ? ['--cpu-prof', `--cpu-prof-dir=${env['BENCH_PROFILE_DIR']}`]
      : [];
  const child = spawn(process.execPath, [...profile, file], {
    cwd: root,
    env: { ...env, NODE_PATH: path.join(root, 'node_modules'), LOG_LEVEL: 'warn', ...vars },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines)
      if (line.includes('"level":"error"') || line.includes('"level":"fatal"')) serviceErrors.push(line);
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function signed(payload: string): string {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac('sha256', STRIPE_SANDBOX_DEFAULTS.webhookSecret).update(`${t}.${payload}`).digest('hex')}`;
}

/** Most events Stripe sends need nothing from the service; one in ten here makes it re-read a checkout. */
function eventBody(id: string, actionable: boolean): string {
  if (actionable) {
    return JSON.stringify({
      id,
      object: 'event',
      api_version: STRIPE_API_VERSION,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'checkout.session.expired',
      data: {
        object: { id: `cs_test_${randomBytes(24).toString('hex')}`, object: 'checkout.session', status: 'expired' },
      },
    });
  }
  return JSON.stringify({
    id,
    object: 'event',
    api_version: STRIPE_API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'payment_intent.created',
    data: {
      object: {
        id: `pi_${randomBytes(12).toString('hex')}`,
        object: 'payment_intent',
        amount: 4500,
        currency: 'eur',
        status: 'requires_payment_method',
      },
    },
  });
}

/** p50 and p99 read from the service's own histogram (upper bounds of the buckets they fall in). */
async function serverQuantiles(metricsUrl: string): Promise<string> {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  const buckets = [...text.matchAll(/^payment_webhook_ack_seconds_bucket\{le="([^"]+)"[^}]*\} (\d+)$/gm)].map((m) => ({
    le: m[1] ?? '',
    count: Number(m[2]),
  }));
  const total = buckets.find((b) => b.le === '+Inf')?.count ?? 0;
  const bound = (q: number) => buckets.find((b) => b.count >= q * total)?.le ?? '?';
  return `p50 ≤ ${Number(bound(0.5)) * 1000} ms, p99 ≤ ${Number(bound(0.99)) * 1000} ms over ${total} requests`;
}

async function sandboxApi(
  sandboxUrl: string,
  pathname: string,
  form?: Record<string, string>,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${sandboxUrl}${pathname}`, {
    method: form ? 'POST' : 'GET',
    headers: {
      authorization: `Bearer ${STRIPE_SANDBOX_DEFAULTS.secretKey}`,
      'stripe-version': STRIPE_API_VERSION,
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  return (await response.json()) as Record<string, unknown>;
}

async function main(): Promise<void> {
  const database = `bench_payment_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  const jwk = await generateSigningJwk();
  const issuer = await createTokenIssuer(jwk);
  const jwks = await startJwksServer(() => issuer);
  const [paymentPort, sandboxPort, metricsPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const paymentUrl = `http://127.0.0.1:${paymentPort}`;
  const [paymentBundle, sandboxBundle] = await Promise.all([
    bundleOf('apps/payment/src/main.ts'),
    bundleOf('apps/stripe-sandbox/src/main.ts'),
  ]);
  const children = [
    start(sandboxBundle, { STRIPE_SANDBOX_PORT: String(sandboxPort), STRIPE_SANDBOX_WEBHOOK_URL: 'none' }),
    start(paymentBundle, {
      PAYMENT_PORT: String(paymentPort),
      PAYMENT_METRICS_PORT: String(metricsPort),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      INTERNAL_JWKS_URL: jwks.url,
      EVENTS_KEY_PREFIX: `bench:${randomBytes(3).toString('hex')}:`,
      STRIPE_SANDBOX_URL: sandboxUrl,
    }),
  ];
  const db = new Client({ connectionString: databaseUrl });
  try {
    await Promise.all([waitForPort('127.0.0.1', sandboxPort, 10_000), waitForPort('127.0.0.1', paymentPort, 10_000)]);
    for (let i = 0; i < 100; i++) {
      if ((await fetch(`${paymentUrl}/readyz`).catch(() => undefined))?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await db.connect();
    say(`payment benchmark: ${os.cpus().length} cores, Node ${process.version}`);

    // 1. Webhook acknowledgement latency, open loop.
    const total = rate * seconds;
    // Bodies and signatures are prepared first so that the client spends its time sending.
    const requests: { body: string; signature: string }[] = [];
    const sentIds: string[] = [];
    for (let i = 0; i < total; i++) {
      const redelivery = i > 10 && i % 10 === 0;
      const previous = requests[Math.floor(Math.random() * (requests.length - 1))];
      if (redelivery && previous) {
        requests.push(previous);
        continue;
      }
      const id = `evt_bench_${randomBytes(10).toString('hex')}`;
      sentIds.push(id);
      const body = eventBody(id, env['BENCH_ACTIONABLE'] !== '0' && i % 10 === 5);
      requests.push({ body, signature: signed(body) });
    }
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const startedAt = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = startedAt + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const { body, signature } = requests[i] as { body: string; signature: string };
      const sentAt = performance.now();
      inFlight.push(
        fetch(`${paymentUrl}/webhooks/stripe`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signature },
          body,
        })
          .then(async (response) => {
            await response.arrayBuffer();
            latencies.push(performance.now() - sentAt);
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          })
          .catch(() => void statuses.set(0, (statuses.get(0) ?? 0) + 1)),
      );
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - startedAt) / 1000;
    latencies.sort((a, b) => a - b);
    const stored = (await db.query(`SELECT count(*)::int AS n FROM payment.provider_event`)).rows[0].n as number;
    say('');
    say(
      `webhook acknowledgement, ${total} events at ${rate}/s over ${elapsed.toFixed(1)} s (10 % redeliveries, 10 % re-read a checkout at the sandbox):`,
    );
    say(
      `  p50 ${ms(percentile(latencies, 50))}  p90 ${ms(percentile(latencies, 90))}  p99 ${ms(percentile(latencies, 99))}  max ${ms(latencies[latencies.length - 1] ?? NaN)}`,
    );
    say(`  server side (payment_webhook_ack_seconds): ${await serverQuantiles(`http://127.0.0.1:${metricsPort}`)}`);
    say(
      `  statuses ${[...statuses.entries()].map(([status, count]) => `${status}:${count}`).join(' ')}; stored once: ${stored} of ${sentIds.length} distinct`,
    );
    const backlogDeadline = Date.now() + 30_000;
    let pending = 1;
    while (pending > 0 && Date.now() < backlogDeadline) {
      pending = (await db.query(`SELECT count(*)::int AS n FROM payment.provider_event WHERE processed_at IS NULL`))
        .rows[0].n as number;
      if (pending > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    say(
      `  processing backlog drained ${(performance.now() / 1000 - startedAt / 1000 - elapsed).toFixed(1)} s after the last acknowledgement (${pending} left)`,
    );

    // 2. Checkout creations.
    const account = await sandboxApi(sandboxUrl, '/v1/accounts', {
      country: 'FR',
      'capabilities[transfers][requested]': 'true',
    });
    await fetch(`${sandboxUrl}/_sandbox/accounts/${String(account['id'])}/complete-onboarding`, {
      method: 'POST',
      headers: { authorization: `Bearer ${STRIPE_SANDBOX_DEFAULTS.secretKey}` },
    });
    const establishmentId = randomUUID();
    const organisationId = randomUUID();
    await db.query(
      `INSERT INTO payment.payout_account (establishment_id, provider, account_id, display_name, status, transfers_active, payouts_enabled, created_by, ready_at)
       VALUES ($1, 'stripe', $2, 'Collège du banc d''essai', 'ready', true, true, $3, now())`,
      [establishmentId, account['id'], randomUUID()],
    );
    const bookings = Array.from({ length: checkouts }, () => randomUUID());
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    for (const bookingId of bookings) {
      await db.query(
        `INSERT INTO payment.payable_booking (booking_id, organisation_id, establishment_id, space_id, starts_at, ends_at, price_cents, approved_at)
         VALUES ($1, $2, $3, $4, $5, $6, 4500, now())`,
        [bookingId, organisationId, establishmentId, randomUUID(), startsAt, new Date(startsAt.getTime() + 7_200_000)],
      );
    }
    const key = await importJWK(jwk, INTERNAL_TOKEN_ALG);
    const token = await new SignJWT({
      provider: 'franceconnect',
      name: 'Banc d’essai',
      roles: [],
      [INTERNAL_ACCESS_CLAIM]: { organisations: [organisationId], establishments: [] },
    })
      .setProtectedHeader({ alg: INTERNAL_TOKEN_ALG, kid: jwk.kid, typ: 'JWT' })
      .setIssuer(INTERNAL_TOKEN_ISSUER)
      .setAudience('payment')
      .setSubject(randomUUID())
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key);
    const checkoutLatencies: number[] = [];
    let failures = 0;
    let next = 0;
    const checkoutStart = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bookings.length) {
          const bookingId = bookings[next++];
          const sentAt = performance.now();
          const response = await fetch(`${paymentUrl}/bookings/${bookingId}/checkout`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: '{}',
          });
          await response.arrayBuffer();
          if (response.status === 201) checkoutLatencies.push(performance.now() - sentAt);
          else failures++;
        }
      }),
    );
    const checkoutSeconds = (performance.now() - checkoutStart) / 1000;
    checkoutLatencies.sort((a, b) => a - b);
    say('');
    say(
      `checkout creations through the payment service against the sandbox, ${checkouts} bookings, ${concurrency} in flight:`,
    );
    say(
      `  ${(checkoutLatencies.length / checkoutSeconds).toFixed(0)} creations/s; p50 ${ms(percentile(checkoutLatencies, 50))}  p99 ${ms(percentile(checkoutLatencies, 99))}; failures ${failures}`,
    );
    if (serviceErrors.length) {
      say('');
      say(`errors logged by the services: ${serviceErrors.length}, e.g. ${serviceErrors[0]?.slice(0, 400)}`);
    }
  } finally {
    await db.end().catch(() => undefined);
    for (const child of children) await stop(child);
    await jwks.close();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`payment benchmark failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
