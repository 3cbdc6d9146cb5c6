// PayFiP benchmark: the real payment service, payfip-sandbox and stripe-sandbox processes (bundled with
// esbuild as the dev stack runs them), real PostgreSQL and Redis.
//
//   SWC_NODE_PROJECT=tools/test-runner/tsconfig.register.json \
//     node -r @swc-node/register tools/bench/payfip/run.ts
//
// Environment: DATABASE_URL (admin connection; a scratch database is created and dropped), REDIS_URL,
// BENCH_PAYMENTS (default 300), BENCH_CONCURRENCY (creations in flight, default 8), BENCH_PAY_RATE (card
// payments per second on the sandbox, open loop, default 20).
//
// 1. PayFiP payment creations: POST /bookings/:id/checkout for a collège configured for PayFiP,
//    BENCH_CONCURRENCY at a time: the service records the payment, calls creerPaiementSecurise at the
//    sandbox over SOAP, records the idOp with its outbox event. Creations per second and latency.
// 2. Notification → confirmed: each operation paid by card on the sandbox, which notifies the service;
//    latency = from the notification's arrival (payfip_notification.received_at) to the start of the
//    transaction that writes payment.succeeded (its outbox row), i.e. the read-back over SOAP and the
//    settlement, p50 and p99.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
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
import { INTERNAL_ACCESS_CLAIM } from '@salle/contracts';
import { bundleOf, freePort } from '@salle/testing';

const env = process.env;
const root = path.resolve(__dirname, '../../..');
const adminUrl = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const payments = Number(env['BENCH_PAYMENTS'] ?? 300);
const concurrency = Number(env['BENCH_CONCURRENCY'] ?? 8);
const payRate = Number(env['BENCH_PAY_RATE'] ?? 20);

const say = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function waitForReady(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if ((await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} never became ready`);
}

const serviceErrors: string[] = [];

function start(file: string, vars: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [file], {
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

/** Runs `work` over `items`, `concurrency` at a time. */
async function pool<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

async function main(): Promise<void> {
  const database = `bench_payfip_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  const jwk = await generateSigningJwk();
  const issuer = await createTokenIssuer(jwk);
  const jwks = await startJwksServer(() => issuer);
  const [paymentPort, payfipPort, stripePort, metricsPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const paymentUrl = `http://127.0.0.1:${paymentPort}`;
  const payfipUrl = `http://127.0.0.1:${payfipPort}`;
  const establishmentId = randomUUID();
  const bundles = await Promise.all(
    ['payment', 'payfip-sandbox', 'stripe-sandbox'].map((app) => bundleOf(`apps/${app}/src/main.ts`)),
  );
  const [paymentBundle, payfipBundle, stripeBundle] = bundles as [string, string, string];
  const children = [
    start(payfipBundle, { PAYFIP_SANDBOX_PORT: String(payfipPort) }),
    start(stripeBundle, { STRIPE_SANDBOX_PORT: String(stripePort), STRIPE_SANDBOX_WEBHOOK_URL: 'none' }),
    start(paymentBundle, {
      PAYMENT_PORT: String(paymentPort),
      PAYMENT_METRICS_PORT: String(metricsPort),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      INTERNAL_JWKS_URL: jwks.url,
      EVENTS_KEY_PREFIX: `bench:${randomBytes(3).toString('hex')}:`,
      STRIPE_SANDBOX_URL: `http://127.0.0.1:${stripePort}`,
      PAYMENT_ESTABLISHMENT_PROVIDERS: `${establishmentId}=payfip:123456`,
      PAYFIP_URL: payfipUrl,
      PAYFIP_NOTIFICATION_URL: `${paymentUrl}/webhooks/payfip`,
    }),
  ];
  const db = new Client({ connectionString: databaseUrl });
  try {
    await Promise.all([waitForReady(payfipUrl), waitForReady(paymentUrl)]);
    await db.connect();
    say(`PayFiP benchmark: ${os.cpus().length} cores, Node ${process.version}`);

    const organisationId = randomUUID();
    const bookings = Array.from({ length: payments }, () => randomUUID());
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

    // 1. Creations.
    const idOps: string[] = [];
    const latencies: number[] = [];
    let failures = 0;
    const createStart = performance.now();
    await pool(bookings, async (bookingId) => {
      const sentAt = performance.now();
      const response = await fetch(`${paymentUrl}/bookings/${bookingId}/checkout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ payerEmail: 'tresorier@banc-essai.example' }),
      });
      const body = (await response.json()) as { checkoutUrl?: string };
      if (response.status !== 201 || !body.checkoutUrl) {
        failures++;
        return;
      }
      latencies.push(performance.now() - sentAt);
      idOps.push(new URL(body.checkoutUrl).searchParams.get('idop') ?? '');
    });
    const createSeconds = (performance.now() - createStart) / 1000;
    latencies.sort((a, b) => a - b);
    say('');
    say(`PayFiP payment creations through the payment service, ${payments} bookings, ${concurrency} in flight:`);
    say(
      `  ${(latencies.length / createSeconds).toFixed(0)} creations/s; p50 ${ms(percentile(latencies, 50))}  p99 ${ms(percentile(latencies, 99))}; failures ${failures}`,
    );

    // 2. Notification → confirmed, the payments paced at BENCH_PAY_RATE (each notification follows its payment).
    const payStart = performance.now();
    const paying: Promise<void>[] = [];
    for (const [index, idOp] of idOps.entries()) {
      const wait = payStart + (index * 1000) / payRate - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      paying.push(
        fetch(`${payfipUrl}/_sandbox/operations/${idOp}/pay`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ choice: 'card' }),
        }).then(async (response) => void (await response.arrayBuffer())),
      );
    }
    await Promise.all(paying);
    const deadline = Date.now() + 60_000;
    let confirmed = 0;
    while (Date.now() < deadline) {
      confirmed = (await db.query(`SELECT count(*)::int AS n FROM payment.payment WHERE status = 'succeeded'`)).rows[0]
        .n as number;
      if (confirmed >= idOps.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const rows = (
      await db.query(
        `SELECT extract(epoch FROM (o.occurred_at - n.received_at)) * 1000 AS ms
           FROM payment.payfip_notification n
           JOIN payment.event_outbox o ON o.type = 'payment.succeeded' AND o.payload->>'paymentId' = n.payment_id::text
          WHERE n.outcome = 'read_back'`,
      )
    ).rows as { ms: string }[];
    const settle = rows.map((row) => Number(row.ms)).sort((a, b) => a - b);
    say('');
    const outcomes = (
      await db.query(
        `SELECT outcome, count(*)::int AS n FROM payment.payfip_notification GROUP BY outcome ORDER BY outcome`,
      )
    ).rows as { outcome: string; n: number }[];
    say(
      `notification received → payment.succeeded written, ${settle.length} card payments paid at ${payRate}/s (${confirmed} confirmed; notifications ${outcomes.map((row) => `${row.outcome}:${row.n}`).join(' ')}):`,
    );
    say(
      `  p50 ${ms(percentile(settle, 50))}  p99 ${ms(percentile(settle, 99))}  max ${ms(settle[settle.length - 1] ?? NaN)}`,
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
  process.stderr.write(`PayFiP benchmark failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
