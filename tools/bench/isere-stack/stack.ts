// The stack the Isère benchmarks (planning/, booking-create/, pages/,
// journey/) run against: the identity sandbox, the booking service (with
// statement-counter.ts preloaded) and the gateway (serving dist/apps/web when
// built) as child processes from their TypeScript sources, as in `npm start`,
// on a scratch database seeded with the Isère data set, with event streams of
// the run's own; with `payments`, also the stripe-sandbox and the payment
// service. And what those benchmarks share to measure it (percentiles, the
// machine's load, logins on the sandbox, an association and free slots to
// book, SQL statements and CPU per request).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { generateSigningJwk } from '@salle/auth';
import { createDataSource } from '@salle/db';
import { awaitMaterialisedAvailability, seedIsere } from '@salle/seed';
import { freePort, typescriptNode } from '@salle/testing';

const env = process.env;
const adminUrl = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const workspaceRoot = path.resolve(__dirname, '../../..');

export function say(line: string) {
  process.stdout.write(`${line}\n`);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;
export const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');

/**
 * CPU time (user + system) a child process has used so far, in milliseconds,
 * from /proc (Linux). Unlike a request's latency it does not depend on how busy
 * the other cores are, so before/after comparisons hold on a shared machine.
 */
export function cpuMilliseconds(child: Child): number {
  return processCpuMilliseconds(child.process.pid ?? 0);
}

/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_SECOND = 100;

export interface Child {
  name: string;
  process: ChildProcess;
}

export async function startChild(
  name: string,
  entry: string,
  childEnv: NodeJS.ProcessEnv,
  readyUrl: string,
  preload: string[] = [],
): Promise<Child> {
  const runner = typescriptNode({ PATH: env['PATH'], NODE_ENV: 'development', LOG_LEVEL: 'info', ...childEnv });
  const child = spawn(process.execPath, [...runner.args, ...preload, path.join(workspaceRoot, entry)], {
    cwd: workspaceRoot,
    env: runner.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-5_000)));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${readyUrl}/readyz`)).ok) return { name, process: child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} was not ready after 120 s: ${stderr}`);
}

export async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Cookies over fetch, without automatic redirects. */
export class Browser {
  private readonly cookies = new Map<string, string>();

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader());
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      const value = pair.slice(separator + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(pair.slice(0, separator));
      else this.cookies.set(pair.slice(0, separator), value);
    }
    return response;
  }

  /** Follows redirects until the answer is not one; returns the last URL and answer. */
  async follow(url: URL, init?: RequestInit): Promise<{ url: URL; response: Response }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 10; hops += 1) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      await response.arrayBuffer();
      current = new URL(location, current);
      response = await this.request(current);
    }
    throw new Error('too many redirects');
  }
}

/** Logs in on the sandbox as FranceConnect's canonical test identity (a private person). */
export async function franceconnectLogin(gatewayUrl: string): Promise<Browser> {
  const browser = new Browser();
  const page = await browser.follow(new URL(`${gatewayUrl}/auth/franceconnect/login`));
  const html = await page.response.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no login form: ${html.slice(0, 300)}`);
  const done = await browser.follow(new URL(action.replace(/&amp;/g, '&'), page.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'identity=test',
  });
  await done.response.arrayBuffer();
  return browser;
}

/** Logs in on the sandbox as the ProConnect agent whose button label contains `who`. */
export async function proconnectLogin(gatewayUrl: string, who: string): Promise<Browser> {
  const browser = new Browser();
  const page = await browser.follow(new URL(`${gatewayUrl}/auth/proconnect/login`));
  const html = await page.response.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  const identity = new RegExp(`value="([^"]+)">${who}`).exec(html)?.[1];
  if (!action || !identity) throw new Error(`no login form or no ${who}: ${html.slice(0, 300)}`);
  const done = await browser.follow(new URL(action.replace(/&amp;/g, '&'), page.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `identity=${encodeURIComponent(identity)}`,
  });
  await done.response.arrayBuffer();
  return browser;
}

export async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return elapsed;
}

/** Statements sent by the booking service so far, read through its SIGUSR2 snapshot. */
export async function statementCounts(booking: Child, file: string): Promise<Map<string, number>> {
  booking.process.kill('SIGUSR2');
  await new Promise((resolve) => setTimeout(resolve, 300));
  return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>));
}

export interface Slot {
  spaceId: string;
  startsAt: string;
  endsAt: string;
}

/** An association of the account's own, verified and insured, so that only the slot decides. */
export async function giveAssociation(client: Client, accountId: string): Promise<string> {
  const {
    rows: [organisation],
  } = await client.query(
    `INSERT INTO booking.organisation (name, kind, rna, eligibility_declared_at, republican_contract_acknowledged,
                                       insurance_reference, insurance_expires_on, status)
     VALUES ('Association du banc d''essai', 'association', 'W991234567', now(), true, 'BENCH',
             now() + interval '2 years', 'verified')
     RETURNING id`,
  );
  await client.query(`INSERT INTO booking.membership (account_id, organisation_id, role) VALUES ($1, $2, 'owner')`, [
    accountId,
    organisation.id,
  ]);
  return organisation.id as string;
}

/**
 * `count` distinct free hours an association may book (17:00–18:00 UTC, 3
 * weeks ahead and later), in any collège or in `establishmentId`'s, on any
 * space or only on those whose requests a manager approves.
 */
export async function freeSlots(
  client: Client,
  count: number,
  only: { establishmentId?: string; approvalRequired?: boolean } = {},
): Promise<Slot[]> {
  const { rows } = await client.query(
    `SELECT s.id AS "spaceId", h.starts AS "startsAt", h.starts + interval '1 hour' AS "endsAt"
       FROM generate_series(21, 200) AS n(days)
      CROSS JOIN LATERAL (SELECT ((current_date + n.days) + time '17:00') AT TIME ZONE 'UTC' AS starts) AS h
      CROSS JOIN booking.space s JOIN booking.establishment e ON e.id = s.establishment_id
      WHERE s.active AND e.status = 'active' AND 'association' = ANY(s.allowed_categories)
        AND s.min_duration_minutes <= 60 AND s.max_duration_minutes >= 60
        AND ($2::uuid IS NULL OR s.establishment_id = $2::uuid) AND ($3::boolean IS NULL OR s.approval_required = $3)
        AND EXISTS (SELECT 1 FROM booking.tariff t WHERE t.space_id = s.id AND t.category = 'association')
        AND EXISTS (SELECT 1 FROM booking.free_slots(s.id, s.establishment_id, s.buffer_minutes,
                      h.starts, h.starts + interval '1 hour',
                      tstzmultirange(tstzrange(h.starts, h.starts + interval '1 hour')), 60, 1))
      LIMIT $1`,
    [count, only.establishmentId ?? null, only.approvalRequired ?? null],
  );
  return rows.map((row: { spaceId: string; startsAt: Date; endsAt: Date }) => ({
    spaceId: row.spaceId,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
  }));
}

export const COUNTED_REQUESTS = 200;

/** What one request cost the booking service: its SQL statements by kind, their sum, and its CPU time. */
export interface RequestCost {
  statements: [string, number][];
  total: number;
  /** The booking process's CPU (user + system) per request, in milliseconds. */
  cpuMs: number;
  /** The PostgreSQL backends' CPU per request (those connected to the scratch database), when `databaseUrl` was given. */
  databaseCpuMs?: number;
  /** The bench process's own CPU per request (its HTTP client). */
  clientCpuMs: number;
  /** Wall time per request, the mean over the sequential requests. */
  wallMs: number;
}

/** CPU (user + system, ms) of a process so far, from /proc/<pid>/stat; 0 once it has exited. */
function processCpuMilliseconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which may itself hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0; // the backend has exited
  }
}

/**
 * CPU used so far by the PostgreSQL backends connected to `databaseUrl`'s
 * database (the server runs on this machine), by backend pid; read through
 * an admin connection to another database, so the reading's own backend is
 * not counted.
 */
async function databaseCpu(databaseUrl: string): Promise<Map<number, number>> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
      new URL(databaseUrl).pathname.slice(1),
    ]);
    return new Map(rows.map(({ pid }) => [pid, processCpuMilliseconds(pid)]));
  } finally {
    await admin.end();
  }
}

/** CPU of the backends of `before` (and of new ones) since `before` was read. */
async function databaseCpuSince(databaseUrl: string, before: Map<number, number>): Promise<number> {
  const after = await databaseCpu(databaseUrl);
  return [...after].reduce((sum, [pid, cpu]) => sum + cpu - (before.get(pid) ?? 0), 0);
}

const clientCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Statements and CPU per request of the booking service for `send`: the
 * difference around COUNTED_REQUESTS sequential requests, less what the
 * service spends on its own (outbox relay, sweepers) in an idle window of the
 * same length, measured right after. Neither depends on how loaded the machine is.
 * With `databaseUrl`, also the CPU of the PostgreSQL backends serving it; and
 * the bench's own CPU: where a request's wall time goes beside the booking
 * process (the rest is waiting: disk, scheduling, the network stack).
 */
export async function countStatements(
  booking: Child,
  file: string,
  send: () => Promise<number>,
  databaseUrl?: string,
): Promise<RequestCost> {
  const before = await statementCounts(booking, file);
  const databaseBefore = databaseUrl ? await databaseCpu(databaseUrl) : undefined;
  const cpuBefore = cpuMilliseconds(booking);
  const clientBefore = clientCpu();
  const started = performance.now();
  for (let i = 0; i < COUNTED_REQUESTS; i += 1) await send();
  const elapsed = performance.now() - started;
  const clientAfter = clientCpu();
  const cpuAfter = cpuMilliseconds(booking);
  const databaseBusy = databaseUrl && databaseBefore ? await databaseCpuSince(databaseUrl, databaseBefore) : undefined;
  const after = await statementCounts(booking, file);
  const idleFrom = cpuMilliseconds(booking);
  const idleClientFrom = clientCpu();
  const idleDatabaseFrom = databaseUrl ? await databaseCpu(databaseUrl) : undefined;
  await new Promise((resolve) => setTimeout(resolve, elapsed));
  const idleCpu = cpuMilliseconds(booking) - idleFrom;
  const idleClient = clientCpu() - idleClientFrom;
  const idleDatabase =
    databaseUrl && idleDatabaseFrom ? await databaseCpuSince(databaseUrl, idleDatabaseFrom) : undefined;
  const idle = await statementCounts(booking, file);
  const statements = [...after]
    .map(([key, value]): [string, number] => {
      const background = (idle.get(key) ?? 0) - value;
      return [key, (value - (before.get(key) ?? 0) - background) / COUNTED_REQUESTS];
    })
    .filter(([, value]) => value >= 0.05)
    .sort((a, b) => b[1] - a[1]);
  return {
    statements,
    total: statements.reduce((sum, [, value]) => sum + value, 0),
    cpuMs: Math.max(0, cpuAfter - cpuBefore - idleCpu) / COUNTED_REQUESTS,
    ...(databaseBusy !== undefined && idleDatabase !== undefined
      ? { databaseCpuMs: Math.max(0, databaseBusy - idleDatabase) / COUNTED_REQUESTS }
      : {}),
    clientCpuMs: Math.max(0, clientAfter - clientBefore - idleClient) / COUNTED_REQUESTS,
    wallMs: elapsed / COUNTED_REQUESTS,
  };
}

export function report(label: string, cost: RequestCost): void {
  const database = cost.databaseCpuMs === undefined ? '' : `, ${ms(cost.databaseCpuMs)} of PostgreSQL's`;
  say(
    `per request, ${label}: ${cost.total.toFixed(2)} SQL statements, ${ms(cost.cpuMs)} of the booking process's CPU` +
      `${database}, ${ms(cost.clientCpuMs)} of the bench client's; ${ms(cost.wallMs)} of wall time (mean)`,
  );
  for (const [key, value] of cost.statements) say(`  ${value.toFixed(2)}  ${key}`);
}

export interface IsereStack {
  databaseUrl: string;
  sandboxUrl: string;
  gatewayUrl: string;
  bookingUrl: string;
  /** The gateway's internal signing key, for tokens the bench mints for direct calls. */
  signingKey: Awaited<ReturnType<typeof generateSigningJwk>>;
  booking: Child;
  gateway: Child;
  /** With `payments`: the payment service and the stripe-sandbox it pays on. */
  paymentUrl?: string;
  stripeSandboxUrl?: string;
  countsFile: string;
  /** Stops the children and drops the scratch database. */
  stop: () => Promise<void>;
}

export interface IsereStackOptions {
  /** Also the payment service and the stripe-sandbox, behind the gateway (the journey benchmark pays). */
  payments?: boolean;
}

/** The stripe-sandbox, then the payment service paying on it and trading events with booking under `eventsPrefix`. */
async function startPayments(
  databaseUrl: string,
  gatewayUrl: string,
  eventsPrefix: string,
): Promise<{ children: Child[]; paymentUrl: string; stripeSandboxUrl: string }> {
  const [paymentPort, stripePort] = [await freePort(), await freePort()];
  const paymentUrl = `http://127.0.0.1:${paymentPort}`;
  const stripeSandboxUrl = `http://127.0.0.1:${stripePort}`;
  const stripe = await startChild(
    'stripe-sandbox',
    'apps/stripe-sandbox/src/main.ts',
    {
      STRIPE_SANDBOX_PORT: String(stripePort),
      STRIPE_SANDBOX_URL: stripeSandboxUrl,
      STRIPE_SANDBOX_WEBHOOK_URL: `${paymentUrl}/webhooks/stripe`,
    },
    stripeSandboxUrl,
  );
  const payment = await startChild(
    'payment',
    'apps/payment/src/main.ts',
    {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      EVENTS_KEY_PREFIX: eventsPrefix,
      PAYMENT_PORT: String(paymentPort),
      PAYMENT_METRICS_PORT: String(await freePort()),
      INTERNAL_JWKS_URL: `${gatewayUrl}/.well-known/internal-jwks.json`,
      STRIPE_SANDBOX_URL: stripeSandboxUrl,
      WEB_PUBLIC_URL: gatewayUrl,
    },
    paymentUrl,
  );
  return { children: [stripe, payment], paymentUrl, stripeSandboxUrl };
}

/** Starts the stack on a scratch database named after `label`, seeded with Isère. */
export async function startIsereStack(label: string, options: IsereStackOptions = {}): Promise<IsereStack> {
  const name = `bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = createDataSource({ url: adminUrl, schema: 'public', poolSize: 1 });
  await admin.initialize();
  await admin.query(`CREATE DATABASE "${name}"`);
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const countsFile = path.join(tmpdir(), `${name}.json`);
  const children: Child[] = [];
  const stop = async () => {
    for (const child of children.reverse()) await stopChild(child);
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.destroy();
    rmSync(countsFile, { force: true });
  };
  try {
    const [sandboxPort, gatewayPort, bookingPort] = [await freePort(), await freePort(), await freePort()];
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    const bookingUrl = `http://127.0.0.1:${bookingPort}`;
    const signingKey = await generateSigningJwk();
    const eventsPrefix = `${name}:events:`;
    say(`load average ${load()}; starting the identity sandbox, the booking service and the gateway...`);
    const redirect = (federation: string, suffix: string) => `${gatewayUrl}/auth/${federation}/${suffix}`;
    children.push(
      await startChild(
        'identity-sandbox',
        'apps/identity-sandbox/src/main.ts',
        {
          IDENTITY_SANDBOX_PORT: String(sandboxPort),
          IDENTITY_SANDBOX_FRANCECONNECT_REDIRECT_URIS: redirect('franceconnect', 'callback'),
          IDENTITY_SANDBOX_FRANCECONNECT_POST_LOGOUT_REDIRECT_URIS: redirect('franceconnect', 'logout/callback'),
          IDENTITY_SANDBOX_PROCONNECT_REDIRECT_URIS: redirect('proconnect', 'callback'),
          IDENTITY_SANDBOX_PROCONNECT_POST_LOGOUT_REDIRECT_URIS: redirect('proconnect', 'logout/callback'),
        },
        sandboxUrl,
      ),
    );
    const booking = await startChild(
      'booking',
      'apps/booking/src/main.ts',
      {
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        BOOKING_PORT: String(bookingPort),
        // This run's own event streams: other runs on the same Redis neither see nor take its events.
        EVENTS_KEY_PREFIX: eventsPrefix,
        BOOKING_METRICS_PORT: String(await freePort()),
        INTERNAL_JWKS_URL: `${gatewayUrl}/.well-known/internal-jwks.json`,
        BENCH_COUNTS_FILE: countsFile,
      },
      bookingUrl,
      [
        '-r',
        path.join(__dirname, 'statement-counter.ts'),
        // A V8 CPU profile of the whole run, written when the service exits (open it in Chrome's DevTools).
        ...(env['BENCH_CPU_PROF_DIR'] ? ['--cpu-prof', `--cpu-prof-dir=${env['BENCH_CPU_PROF_DIR']}`] : []),
      ],
    );
    children.push(booking);
    say('seeding Isère...');
    await seedIsere(databaseUrl);
    await awaitMaterialisedAvailability(databaseUrl, { log: say, intervalMs: 2_000 });
    const payments = options.payments ? await startPayments(databaseUrl, gatewayUrl, eventsPrefix) : undefined;
    children.push(...(payments?.children ?? []));
    const gateway = await startChild(
      'gateway',
      'apps/gateway/src/main.ts',
      {
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        GATEWAY_PORT: String(gatewayPort),
        GATEWAY_METRICS_PORT: String(await freePort()),
        GATEWAY_PUBLIC_URL: gatewayUrl,
        FRANCECONNECT_ISSUER: `${sandboxUrl}/franceconnect/api/v2`,
        PROCONNECT_ISSUER: `${sandboxUrl}/proconnect/api/v2`,
        BOOKING_URL: bookingUrl,
        ...(payments ? { PAYMENT_URL: payments.paymentUrl } : {}),
        INTERNAL_SIGNING_KEY: JSON.stringify(signingKey),
        AUTH_RATE_LIMIT: '1000000',
        API_WRITE_RATE_LIMIT: '1000000',
      },
      gatewayUrl,
    );
    children.push(gateway);

    return {
      databaseUrl,
      sandboxUrl,
      gatewayUrl,
      bookingUrl,
      signingKey,
      booking,
      gateway,
      paymentUrl: payments?.paymentUrl,
      stripeSandboxUrl: payments?.stripeSandboxUrl,
      countsFile,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
