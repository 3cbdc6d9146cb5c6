// Booking-request benchmark: `POST /bookings` at the Isère seed, sequential
// requests directly on the booking service and through the gateway, then 16
// concurrent clients on distinct slots; and the SQL statements each request
// sends (load-independent).
//
//   SWC_NODE_PROJECT=tools/test-runner/tsconfig.register.json \
//     node -r @swc-node/register tools/bench/booking-create/run.ts
//
// Environment: DATABASE_URL (admin connection; a scratch database is created
// and dropped), REDIS_URL, BENCH_SEQUENTIAL (requests per target, default
// 200), BENCH_CONCURRENT_REQUESTS (default 640), BENCH_CLIENTS (default 16).
//
// The stack is tools/bench/isere-stack. The caller is FranceConnect's test
// identity, logged in on the sandbox; the bench gives its account a verified,
// insured association of its own, and picks distinct free slots (space, day,
// hour) as the search computes them, so each request should be accepted. Any
// other answer is counted and printed; times are of the accepted (201) ones. The targets are about the
// server's time, which each service reports in `Server-Timing` (libs/http); the client's round trip (fetch's
// own CPU, about 1.4 ms a request here, included) is printed beside it.
import { Client } from 'pg';
import { createTokenIssuer, type Caller } from '@salle/auth';
import { serverTimingOf } from '@salle/http';
import {
  COUNTED_REQUESTS,
  freeSlots,
  giveAssociation,
  countStatements,
  cpuMilliseconds,
  franceconnectLogin,
  load,
  ms,
  percentile,
  report,
  say,
  startIsereStack,
  timed,
} from '../isere-stack/stack';

const env = process.env;
const clients = Number(env['BENCH_CLIENTS'] ?? 16);
const concurrentRequests = Number(env['BENCH_CONCURRENT_REQUESTS'] ?? 640);
const TARGETS = { direct: 5, gateway: 8, perSecond: 300 };

class Outcomes {
  /** The client's round trip of each accepted request: the server's time, the client's and the socket's. */
  readonly times: number[] = [];
  /** The server's own time of each accepted request (its `Server-Timing`): what the targets are about. */
  readonly serverTimes: number[] = [];
  readonly refused = new Map<number, number>();

  record(status: number, elapsed: number, serverTime: number | null) {
    if (status !== 201) this.refused.set(status, (this.refused.get(status) ?? 0) + 1);
    else {
      this.times.push(elapsed);
      if (serverTime !== null) this.serverTimes.push(serverTime);
    }
  }

  describe(): string {
    const refused = [...this.refused].map(([status, count]) => `${count}×${status}`).join(', ');
    return (
      `${this.times.length} accepted${refused ? `, refused ${refused}` : ''}; server time p50 ` +
      `${ms(percentile(this.serverTimes, 50))} p99 ${ms(percentile(this.serverTimes, 99))}; client round trip ` +
      `p50 ${ms(percentile(this.times, 50))} p99 ${ms(percentile(this.times, 99))}`
    );
  }
}

async function main() {
  const stack = await startIsereStack('booking_create');
  const { booking, bookingUrl, countsFile, databaseUrl, gatewayUrl, signingKey } = stack;
  try {
    const browser = await franceconnectLogin(gatewayUrl);
    const me = (await (await browser.request(`${gatewayUrl}/api/me`)).json()) as {
      account: { id: string; displayName: string };
    };
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const needed = 2 * (COUNTED_REQUESTS + 20) + concurrentRequests;
    const { organisationId, slots } = await (async () => {
      try {
        const organisationId = await giveAssociation(client, me.account.id);
        say(`finding ${needed} distinct free slots...`);
        return { organisationId, slots: await freeSlots(client, needed) };
      } finally {
        await client.end();
      }
    })();
    if (slots.length < needed) throw new Error(`only ${slots.length} free slots found`);

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
    const post = async (target: 'direct' | 'gateway', outcomes: Outcomes): Promise<number> => {
      const slot = slots.pop();
      if (!slot) throw new Error('out of slots');
      const headers: Record<string, string> =
        target === 'direct'
          ? { authorization: `Bearer ${token}` }
          : { cookie, origin: gatewayUrl, 'x-requested-with': 'fetch' };
      const url = target === 'direct' ? `${bookingUrl}/bookings` : `${gatewayUrl}/api/booking/bookings`;
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ ...slot, organisationId, purpose: 'Répétition de la chorale' }),
      });
      await response.arrayBuffer();
      const elapsed = performance.now() - started;
      outcomes.record(response.status, elapsed, serverTimingOf(response.headers.get('server-timing')));
      return elapsed;
    };

    const warmUp = new Outcomes();
    for (let i = 0; i < 20; i += 1) await Promise.all([post('direct', warmUp), post('gateway', warmUp)]);
    say(`warm-up: ${warmUp.describe()}`);
    say(`load average ${load()}; ${COUNTED_REQUESTS} sequential requests directly, then through the gateway...`);
    const direct = new Outcomes();
    const gateway = new Outcomes();
    // Baseline of the same run: the service's bare HTTP round trip, what no request can go below.
    const healthz: number[] = [];
    for (let i = 0; i < COUNTED_REQUESTS; i += 1) healthz.push(await timed(`${bookingUrl}/healthz`, {}));
    say(`baseline, GET /healthz directly: p50 ${ms(percentile(healthz, 50))} p99 ${ms(percentile(healthz, 99))}`);
    const directStatements = await countStatements(booking, countsFile, () => post('direct', direct), databaseUrl);
    const gatewayStatements = await countStatements(booking, countsFile, () => post('gateway', gateway), databaseUrl);
    report('directly', directStatements);
    report('through the gateway', gatewayStatements);
    say(`directly: ${direct.describe()}`);
    say(`through the gateway: ${gateway.describe()}`);

    say(`load average ${load()}; ${clients} concurrent clients, ${concurrentRequests} requests directly...`);
    const concurrent = new Outcomes();
    let remaining = concurrentRequests;
    const cpuBefore = cpuMilliseconds(booking);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (remaining > 0) {
          remaining -= 1;
          await post('direct', concurrent);
        }
      }),
    );
    const perSecond = concurrent.times.length / ((performance.now() - started) / 1000);
    const concurrentCpu = (cpuMilliseconds(booking) - cpuBefore) / concurrentRequests;
    clearInterval(refresh);
    say(
      `concurrent: ${concurrent.describe()}; ${perSecond.toFixed(0)} accepted requests/s; ` +
        `${ms(concurrentCpu)} of booking CPU per request (its background work included)`,
    );

    const statements = directStatements.total;
    // The targets are the server's time (the issue's "server time"); the client's round trip is printed beside it.
    const directP50 = percentile(direct.serverTimes, 50);
    const gatewayP50 = percentile(gateway.serverTimes, 50);
    const met = directP50 <= TARGETS.direct && gatewayP50 <= TARGETS.gateway && perSecond >= TARGETS.perSecond;
    say(
      `booking-create bench (load average ${load()}): POST /bookings sequential server time p50 ${ms(directP50)} ` +
        `directly, ${ms(gatewayP50)} through the gateway (client round trip p50 ${ms(percentile(direct.times, 50))} ` +
        `and ${ms(percentile(gateway.times, 50))}); ${clients} clients ${perSecond.toFixed(0)} req/s; ` +
        `${statements.toFixed(2)} SQL statements and ${ms(directStatements.cpuMs)} of booking CPU per request ` +
        `(baseline /healthz p50 ${ms(percentile(healthz, 50))}); targets p50 ≤ ${TARGETS.direct} ms / ≤ ${TARGETS.gateway} ms, ` +
        `≥ ${TARGETS.perSecond} req/s: ${met ? 'met' : 'not met'}`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`booking-create bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
