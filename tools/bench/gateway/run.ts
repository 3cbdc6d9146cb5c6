// Gateway benchmark: full FranceConnect logins through the identity sandbox,
// and the proxy's overhead against calling the booking service directly.
//
//   SWC_NODE_PROJECT=tools/test-runner/tsconfig.register.json \
//     node -r @swc-node/register tools/bench/gateway/run.ts
//
// Environment: DATABASE_URL (admin connection; a scratch database is created
// and dropped), REDIS_URL, BENCH_LOGINS (sequential logins for latency,
// default 200), BENCH_LOGIN_SECONDS (concurrent phase, default 8),
// BENCH_CONCURRENCY (default 4), BENCH_PROXY_REQUESTS (per target and path,
// default 2000).
//
// The sandbox, the booking service and the gateway run as child processes
// from their TypeScript sources (LOG_LEVEL=info, output discarded), as in
// `npm start`. Measures:
// - login: authorize redirect → sandbox login page → identity chosen →
//   callback → session. "Gateway time" is the time the two gateway requests
//   take (GET /auth/franceconnect/login and the callback, which includes the
//   token and userinfo calls to the provider), seen from a client on loopback.
// - proxy: the same request sent alternately to the booking service and to
//   the gateway's /api/booking/*; overhead = gateway latency − direct latency,
//   at p50 and p99. Two paths: /healthz (anonymous, the bare proxy) and /me
//   (with a session: cookie lookup in Redis + an internal token minted per
//   request; direct calls reuse a token minted in advance).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createTokenIssuer, generateSigningJwk, type Caller } from '@salle/auth';
import { createDataSource } from '@salle/db';
import { freePort, typescriptNode } from '@salle/testing';

const env = process.env;
const adminUrl = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const sequentialLogins = Number(env['BENCH_LOGINS'] ?? 200);
const loginSeconds = Number(env['BENCH_LOGIN_SECONDS'] ?? 8);
const concurrency = Number(env['BENCH_CONCURRENCY'] ?? 4);
const proxyRequests = Number(env['BENCH_PROXY_REQUESTS'] ?? 2000);
const workspaceRoot = path.resolve(__dirname, '../../..');

function say(line: string) {
  process.stdout.write(`${line}\n`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

/** A cookie jar over fetch, without automatic redirects. */
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

  /** Follows redirects while they stay on `origin`; returns the first URL outside it, or throws. */
  async followWithin(url: URL, origin: string, init?: RequestInit): Promise<{ url: URL; response: Response }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 10; hops += 1) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      const next = new URL(location, current);
      if (next.origin !== origin) return { url: next, response };
      await response.arrayBuffer();
      current = next;
      response = await this.request(current);
    }
    throw new Error('too many redirects');
  }
}

interface Child {
  name: string;
  process: ChildProcess;
  stderr: () => string;
}

async function startChild(name: string, entry: string, childEnv: NodeJS.ProcessEnv, readyUrl: string): Promise<Child> {
  const runner = typescriptNode({ PATH: env['PATH'], NODE_ENV: 'development', LOG_LEVEL: 'info', ...childEnv });
  const child = spawn(process.execPath, [...runner.args, path.join(workspaceRoot, entry)], {
    cwd: workspaceRoot,
    env: runner.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-5_000)));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${readyUrl}/readyz`)).ok) return { name, process: child, stderr: () => stderr };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} was not ready after 60 s: ${stderr}`);
}

async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

interface Stack {
  sandboxUrl: string;
  gatewayUrl: string;
  bookingUrl: string;
}

/** One full login as FranceConnect's canonical identity; returns the gateway's time and the total. */
async function loginOnce(
  stack: Stack,
  browser = new Browser(),
): Promise<{ gatewayMs: number; totalMs: number; browser: Browser }> {
  const started = performance.now();
  const start = await browser.request(`${stack.gatewayUrl}/auth/franceconnect/login`);
  const afterStart = performance.now();
  await start.arrayBuffer();
  if (start.status !== 303) throw new Error(`login start answered ${start.status}`);
  const page = await browser.followWithin(new URL(start.headers.get('location') ?? ''), stack.sandboxUrl);
  const html = await page.response.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no login form: ${html.slice(0, 200)}`);
  const back = await browser.followWithin(new URL(action.replace(/&amp;/g, '&'), page.url), stack.sandboxUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'identity=test',
  });
  await back.response.arrayBuffer();
  const beforeCallback = performance.now();
  const callback = await browser.request(back.url);
  const done = performance.now();
  await callback.arrayBuffer();
  if (callback.status !== 303) throw new Error(`callback answered ${callback.status}`);
  return { gatewayMs: afterStart - started + (done - beforeCallback), totalMs: done - started, browser };
}

async function benchLogins(stack: Stack): Promise<{ perSecond: number; p50: number; p99: number; totalP50: number }> {
  say(`[login] ${sequentialLogins} sequential logins for latency...`);
  const gatewayTimes: number[] = [];
  const totals: number[] = [];
  for (let i = 0; i < sequentialLogins; i += 1) {
    const { gatewayMs, totalMs } = await loginOnce(stack);
    gatewayTimes.push(gatewayMs);
    totals.push(totalMs);
    if ((i + 1) % 50 === 0)
      say(`[login] ${i + 1}/${sequentialLogins}: gateway p50 ${ms(percentile(gatewayTimes, 50))}`);
  }
  say(`[login] ${concurrency} concurrent browsers for ${loginSeconds} s...`);
  let completed = 0;
  const deadline = Date.now() + loginSeconds * 1000;
  const started = Date.now();
  const progress = setInterval(
    () => say(`[login] ${completed} logins, ${(completed / ((Date.now() - started) / 1000)).toFixed(1)}/s`),
    2_000,
  );
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        await loginOnce(stack);
        completed += 1;
      }
    }),
  );
  clearInterval(progress);
  const perSecond = completed / ((Date.now() - started) / 1000);
  say(
    `[login] ${completed} logins in ${((Date.now() - started) / 1000).toFixed(1)} s = ${perSecond.toFixed(1)} logins/s`,
  );
  return {
    perSecond,
    p50: percentile(gatewayTimes, 50),
    p99: percentile(gatewayTimes, 99),
    totalP50: percentile(totals, 50),
  };
}

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return elapsed;
}

async function benchProxy(
  label: string,
  direct: () => Promise<number>,
  proxied: () => Promise<number>,
): Promise<{ p50: number; p99: number; directP50: number; proxiedP50: number }> {
  for (let i = 0; i < 100; i += 1) await Promise.all([direct(), proxied()]); // warm-up (JIT, keep-alive sockets)
  const directTimes: number[] = [];
  const proxiedTimes: number[] = [];
  for (let i = 0; i < proxyRequests; i += 1) {
    // Alternate, so both see the same machine load.
    if (i % 2 === 0) {
      directTimes.push(await direct());
      proxiedTimes.push(await proxied());
    } else {
      proxiedTimes.push(await proxied());
      directTimes.push(await direct());
    }
    if ((i + 1) % 500 === 0) say(`[proxy ${label}] ${i + 1}/${proxyRequests}`);
  }
  const result = {
    directP50: percentile(directTimes, 50),
    proxiedP50: percentile(proxiedTimes, 50),
    p50: percentile(proxiedTimes, 50) - percentile(directTimes, 50),
    p99: percentile(proxiedTimes, 99) - percentile(directTimes, 99),
  };
  say(
    `[proxy ${label}] direct p50 ${ms(result.directP50)} p99 ${ms(percentile(directTimes, 99))}; ` +
      `through the gateway p50 ${ms(result.proxiedP50)} p99 ${ms(percentile(proxiedTimes, 99))}; ` +
      `overhead p50 ${ms(result.p50)} p99 ${ms(result.p99)}`,
  );
  return result;
}

async function main() {
  const name = `bench_gateway_${randomBytes(4).toString('hex')}`;
  const admin = createDataSource({ url: adminUrl, schema: 'public', poolSize: 1 });
  await admin.initialize();
  await admin.query(`CREATE DATABASE "${name}"`);
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const children: Child[] = [];
  try {
    const [sandboxPort, gatewayPort, bookingPort] = [await freePort(), await freePort(), await freePort()];
    const stack: Stack = {
      sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
      gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
      bookingUrl: `http://127.0.0.1:${bookingPort}`,
    };
    const signingKey = await generateSigningJwk();
    say('starting the identity sandbox, the booking service and the gateway...');
    const redirect = (federation: string, suffix: string) => `${stack.gatewayUrl}/auth/${federation}/${suffix}`;
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
        stack.sandboxUrl,
      ),
    );
    children.push(
      await startChild(
        'booking',
        'apps/booking/src/main.ts',
        {
          DATABASE_URL: databaseUrl,
          REDIS_URL: redisUrl,
          BOOKING_PORT: String(bookingPort),
          BOOKING_METRICS_PORT: String(await freePort()),
          INTERNAL_JWKS_URL: `${stack.gatewayUrl}/.well-known/internal-jwks.json`,
        },
        stack.bookingUrl,
      ),
    );
    children.push(
      await startChild(
        'gateway',
        'apps/gateway/src/main.ts',
        {
          DATABASE_URL: databaseUrl,
          REDIS_URL: redisUrl,
          GATEWAY_PORT: String(gatewayPort),
          GATEWAY_METRICS_PORT: String(await freePort()),
          GATEWAY_PUBLIC_URL: stack.gatewayUrl,
          FRANCECONNECT_ISSUER: `${stack.sandboxUrl}/franceconnect/api/v2`,
          PROCONNECT_ISSUER: `${stack.sandboxUrl}/proconnect/api/v2`,
          BOOKING_URL: stack.bookingUrl,
          INTERNAL_SIGNING_KEY: JSON.stringify(signingKey),
          AUTH_RATE_LIMIT: '1000000',
          API_WRITE_RATE_LIMIT: '1000000',
        },
        stack.gatewayUrl,
      ),
    );

    const login = await benchLogins(stack);

    // A session for the authenticated path, and a token the bench mints itself for direct calls.
    const { browser } = await loginOnce(stack);
    const me = (await (await browser.request(`${stack.gatewayUrl}/api/me`)).json()) as {
      account: { id: string; displayName: string };
    };
    const caller: Caller = {
      accountId: me.account.id,
      provider: 'franceconnect',
      displayName: me.account.displayName,
      roles: [],
    };
    const issuer = await createTokenIssuer(signingKey);
    let token = await issuer.mint(caller, 'booking');
    const refresh = setInterval(() => void issuer.mint(caller, 'booking').then((fresh) => (token = fresh)), 20_000);
    const cookie = browser.cookieHeader();
    const health = await benchProxy(
      '/healthz',
      () => timed(`${stack.bookingUrl}/healthz`, {}),
      () => timed(`${stack.gatewayUrl}/api/booking/healthz`, {}),
    );
    const authenticated = await benchProxy(
      '/me',
      () => timed(`${stack.bookingUrl}/me`, { authorization: `Bearer ${token}` }),
      () => timed(`${stack.gatewayUrl}/api/booking/me`, { cookie }),
    );
    clearInterval(refresh);

    say(
      `gateway bench: login ${login.perSecond.toFixed(1)}/s at concurrency ${concurrency} (gateway time p50 ${ms(login.p50)}, p99 ${ms(login.p99)}; ` +
        `whole login p50 ${ms(login.totalP50)}); proxy overhead /healthz p50 ${ms(health.p50)} p99 ${ms(health.p99)}, ` +
        `/me with session p50 ${ms(authenticated.p50)} p99 ${ms(authenticated.p99)}`,
    );
  } finally {
    for (const child of children.reverse()) await stopChild(child);
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
