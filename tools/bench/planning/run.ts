// Planning benchmark: a collège's week (all its spaces, one request) at the
// Isère seed, sequential requests through the gateway and directly on the
// booking service, and the SQL statements each request sends.
//
//   SWC_NODE_PROJECT=tools/test-runner/tsconfig.register.json \
//     node -r @swc-node/register tools/bench/planning/run.ts
//
// Environment: DATABASE_URL (admin connection; a scratch database is created
// and dropped), REDIS_URL, BENCH_REQUESTS (per target, default 1000).
//
// The identity sandbox, the booking service and the gateway run as child
// processes from their TypeScript sources, as in `npm start`; the booking
// service with statement-counter.ts preloaded. The caller is the sandbox's
// ProConnect agent of Collège Champollion (a manager through its SIRET), logged
// in on the sandbox; direct calls carry a token the bench mints for the same
// caller. Requests alternate between the two targets so both see the same
// load. Prints the load average, p50/p99 of each, the statements per request
// (load-independent, the service's own background statements of an idle
// window of the same length taken off) and a one-line summary against the targets.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createTokenIssuer, generateSigningJwk, type Caller } from '@salle/auth';
import { createDataSource } from '@salle/db';
import { freePort, typescriptNode } from '@salle/testing';
import { seedIsere } from '@salle/seed';

const env = process.env;
const adminUrl = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const requests = Number(env['BENCH_REQUESTS'] ?? 1000);
const workspaceRoot = path.resolve(__dirname, '../../..');
const TARGET_P50 = 15;
const TARGET_P99 = 40;

function say(line: string) {
  process.stdout.write(`${line}\n`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');

interface Child {
  name: string;
  process: ChildProcess;
}

async function startChild(
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

async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Cookies over fetch, without automatic redirects. */
class Browser {
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

/** Logs in on the sandbox as the ProConnect agent whose button label contains `who`. */
async function proconnectLogin(gatewayUrl: string, who: string): Promise<Browser> {
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

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return elapsed;
}

/** Statements sent by the booking service so far, read through its SIGUSR2 snapshot. */
async function statementCounts(booking: Child, file: string): Promise<Map<string, number>> {
  booking.process.kill('SIGUSR2');
  await new Promise((resolve) => setTimeout(resolve, 300));
  return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>));
}

const COUNTED_REQUESTS = 200;

/**
 * Statements per request sent by the booking service for `send`: the
 * difference around COUNTED_REQUESTS sequential requests, less what the
 * service sends on its own (outbox relay, sweepers) in an idle window of the
 * same length, measured right after.
 */
async function countStatements(booking: Child, file: string, send: () => Promise<number>): Promise<[string, number][]> {
  const before = await statementCounts(booking, file);
  const started = performance.now();
  for (let i = 0; i < COUNTED_REQUESTS; i += 1) await send();
  const elapsed = performance.now() - started;
  const after = await statementCounts(booking, file);
  await new Promise((resolve) => setTimeout(resolve, elapsed));
  const idle = await statementCounts(booking, file);
  return [...after]
    .map(([key, value]): [string, number] => {
      const background = (idle.get(key) ?? 0) - value;
      return [key, (value - (before.get(key) ?? 0) - background) / COUNTED_REQUESTS];
    })
    .filter(([, value]) => value >= 0.05)
    .sort((a, b) => b[1] - a[1]);
}

function report(label: string, statements: [string, number][]): void {
  const total = statements.reduce((sum, [, value]) => sum + value, 0);
  say(`SQL statements per planning request, ${label}: ${total.toFixed(2)}`);
  for (const [key, value] of statements) say(`  ${value.toFixed(2)}  ${key}`);
}

/** The Monday of the current week, Paris-local, as YYYY-MM-DD. */
function thisMonday(): string {
  const today = new Date();
  const monday = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return monday.toISOString().slice(0, 10);
}

async function main() {
  const name = `bench_planning_${randomBytes(4).toString('hex')}`;
  const admin = createDataSource({ url: adminUrl, schema: 'public', poolSize: 1 });
  await admin.initialize();
  await admin.query(`CREATE DATABASE "${name}"`);
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const countsFile = path.join(tmpdir(), `${name}.json`);
  const children: Child[] = [];
  try {
    const [sandboxPort, gatewayPort, bookingPort] = [await freePort(), await freePort(), await freePort()];
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    const bookingUrl = `http://127.0.0.1:${bookingPort}`;
    const signingKey = await generateSigningJwk();
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
        BOOKING_METRICS_PORT: String(await freePort()),
        INTERNAL_JWKS_URL: `${gatewayUrl}/.well-known/internal-jwks.json`,
        BENCH_COUNTS_FILE: countsFile,
      },
      bookingUrl,
      ['-r', path.join(__dirname, 'statement-counter.ts')],
    );
    children.push(booking);
    say('seeding Isère...');
    await seedIsere(databaseUrl);
    children.push(
      await startChild(
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
          INTERNAL_SIGNING_KEY: JSON.stringify(signingKey),
          AUTH_RATE_LIMIT: '1000000',
          API_WRITE_RATE_LIMIT: '1000000',
        },
        gatewayUrl,
      ),
    );

    const seeded = createDataSource({ url: databaseUrl, schema: 'public', poolSize: 1 });
    await seeded.initialize();
    const [champollion] = (await seeded.query(
      `SELECT e.id, e.name, count(s.id)::int AS spaces FROM booking.establishment e
         JOIN booking.space s ON s.establishment_id = e.id AND s.active
        WHERE e.uai = '0382111N' GROUP BY e.id`,
    )) as { id: string; name: string; spaces: number }[];
    await seeded.destroy();
    if (!champollion) throw new Error('the Isère seed has no Collège Champollion');

    const browser = await proconnectLogin(gatewayUrl, 'Claire MARTIN');
    const me = (await (await browser.request(`${gatewayUrl}/api/me`)).json()) as {
      account: { id: string; displayName: string };
    };
    const caller: Caller = {
      accountId: me.account.id,
      provider: 'proconnect',
      displayName: me.account.displayName,
      roles: [],
    };
    const issuer = await createTokenIssuer(signingKey);
    let token = await issuer.mint(caller, 'booking');
    const refresh = setInterval(() => void issuer.mint(caller, 'booking').then((fresh) => (token = fresh)), 20_000);
    const cookie = browser.cookieHeader();
    const query = `/establishments/${champollion.id}/planning?from=${thisMonday()}&days=7`;
    const direct = () => timed(`${bookingUrl}${query}`, { authorization: `Bearer ${token}` });
    const proxied = () => timed(`${gatewayUrl}/api/booking${query}`, { cookie });
    const sample = (await (
      await fetch(`${bookingUrl}${query}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      establishments: { spaces: { entries: unknown[] }[] }[];
    };
    const shown = sample.establishments[0]?.spaces.reduce((sum, space) => sum + space.entries.length, 0) ?? 0;
    say(`${champollion.name}: ${champollion.spaces} spaces, ${shown} bookings in the week of ${thisMonday()}`);

    for (let i = 0; i < 50; i += 1) await Promise.all([direct(), proxied()]); // warm-up (JIT, keep-alive sockets)
    const directStatements = await countStatements(booking, countsFile, direct);
    const gatewayStatements = await countStatements(booking, countsFile, proxied);
    report('directly, with a token for the same account', directStatements);
    report('through the gateway (its token carries the SIRET and e-mail)', gatewayStatements);
    const total = gatewayStatements.reduce((sum, [, value]) => sum + value, 0);

    say(`load average ${load()}; ${requests} requests per target, alternating...`);
    const directTimes: number[] = [];
    const proxiedTimes: number[] = [];
    for (let i = 0; i < requests; i += 1) {
      if (i % 2 === 0) {
        directTimes.push(await direct());
        proxiedTimes.push(await proxied());
      } else {
        proxiedTimes.push(await proxied());
        directTimes.push(await direct());
      }
      if ((i + 1) % 250 === 0) say(`[planning] ${i + 1}/${requests}`);
    }
    clearInterval(refresh);
    const result = {
      directP50: percentile(directTimes, 50),
      directP99: percentile(directTimes, 99),
      gatewayP50: percentile(proxiedTimes, 50),
      gatewayP99: percentile(proxiedTimes, 99),
    };
    const met = result.gatewayP50 <= TARGET_P50 && result.gatewayP99 <= TARGET_P99;
    say(
      `planning bench (load average ${load()}): a collège's week (${champollion.spaces} spaces, ${shown} bookings) ` +
        `through the gateway p50 ${ms(result.gatewayP50)} p99 ${ms(result.gatewayP99)}, ` +
        `directly p50 ${ms(result.directP50)} p99 ${ms(result.directP99)}; ${total.toFixed(2)} SQL statements per request through the gateway; ` +
        `target gateway p50 ≤ ${TARGET_P50} ms, p99 ≤ ${TARGET_P99} ms: ${met ? 'met' : 'not met'}`,
    );
  } finally {
    for (const child of children.reverse()) await stopChild(child);
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`planning bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
