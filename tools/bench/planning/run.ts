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
import { createTokenIssuer, type Caller } from '@salle/auth';
import { createDataSource } from '@salle/db';
import {
  countStatements,
  load,
  ms,
  percentile,
  proconnectLogin,
  report,
  say,
  startIsereStack,
  timed,
} from '../isere-stack/stack';

const requests = Number(process.env['BENCH_REQUESTS'] ?? 1000);
const TARGET_P50 = 15;
const TARGET_P99 = 40;

/** The Monday of the current week, Paris-local, as YYYY-MM-DD. */
function thisMonday(): string {
  const today = new Date();
  const monday = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return monday.toISOString().slice(0, 10);
}

async function main() {
  const stack = await startIsereStack('planning');
  const { booking, bookingUrl, countsFile, databaseUrl, gatewayUrl, signingKey } = stack;
  try {
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
    const total = gatewayStatements.total;

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
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`planning bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
