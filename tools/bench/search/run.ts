// Free-slot search at national scale (5,000 collèges, ~25,000 spaces, 1,000,000 bookings):
// HTTP latency and throughput at 16 and 64 connections, the same SQL run directly through
// `pg` as the ceiling, and conflicting booking requests (exactly one success per slot).
//
//   SWC_NODE_PROJECT=tools/test-runner/tsconfig.register.json \
//     node -r @swc-node/register tools/bench/search/run.ts [--reuse-database NAME]
//
// Needs PostgreSQL (DATABASE_URL, default the local server) and Redis (REDIS_URL). BENCH_SECONDS sets each load's
// length (default 15); BENCH_CPU_PROF_DIR=<folder> runs the booking service with `--cpu-prof` and writes its V8
// CPU profile there when the bench stops it. Each load also reports the CPU the booking process and the database's
// backends spent per search (from /proc, Linux): less dependent on the machine's load than throughput, but not
// independent of it (caches, contention), so compare runs made back to back.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client, Pool } from 'pg';
import { createTokenIssuer, startJwksServer } from '@salle/auth';
import { awaitMaterialisedAvailability, seedNational } from '@salle/seed';
import { freePort, waitForPort } from '@salle/testing';

const workspaceRoot = path.resolve(__dirname, '../../..');
const adminUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const log = (line: string) => process.stdout.write(`${line}\n`);

function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function startBooking(url: string, jwksUrl: string): Promise<{ base: string; child: ChildProcess }> {
  execFileSync(process.execPath, [path.join(workspaceRoot, 'tools/build/build-app.cjs'), 'apps/booking'], {
    cwd: workspaceRoot,
    stdio: 'ignore',
  });
  const port = await freePort();
  const profile = process.env['BENCH_CPU_PROF_DIR'];
  const cpuProf = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : [];
  const child = spawn(process.execPath, [...cpuProf, path.join(workspaceRoot, 'dist/apps/booking/main.js')], {
    cwd: workspaceRoot,
    env: {
      ...process.env,
      DATABASE_URL: url,
      REDIS_URL: redisUrl,
      BOOKING_PORT: String(port),
      BOOKING_METRICS_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      INTERNAL_JWKS_URL: jwksUrl,
      EVENTS_KEY_PREFIX: `bench:${randomUUID()}:`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The service's warnings and errors, for diagnosis after the run.
  const serviceLog = fs.createWriteStream(path.join(os.tmpdir(), 'bench-search-booking.log'), { flags: 'a' });
  child.stdout?.pipe(serviceLog);
  await waitForPort('127.0.0.1', port, 60_000);
  const base = `http://127.0.0.1:${port}`;
  for (
    let i = 0;
    i < 200 &&
    !(await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  ) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { base, child };
}

function localDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU (user + system, ms) of a process so far, from /proc/<pid>/stat; 0 once it has exited. */
function processCpuMilliseconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which may itself hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU used so far by the backends connected to `url`'s database, by pid (the server runs on this machine). */
async function databaseCpu(url: string): Promise<Map<number, number>> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
      new URL(url).pathname.slice(1),
    ]);
    return new Map(rows.map(({ pid }) => [pid, processCpuMilliseconds(pid)]));
  } finally {
    await client.end();
  }
}

/** CPU of the backends of `before` (and of new ones) since `before` was read. */
async function databaseCpuSince(url: string, before: Map<number, number>): Promise<number> {
  const after = await databaseCpu(url);
  return [...after].reduce((sum, [pid, cpu]) => sum + cpu - (before.get(pid) ?? 0), 0);
}

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Load with autocannon, recording every response time to compute exact percentiles. */
async function load(url: string, connections: number, seconds: number): Promise<Figures> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, pipelining: 1 },
      (error: Error | null, outcome: autocannon.Result) => (error ? reject(error) : resolve(outcome)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    rps: times.length / seconds,
    errors: result.errors + result.non2xx,
  };
}

/**
 * The statement one search page runs, exactly as the booking service's FreeSlotSearch writes it for
 * the bench's query (4 weeks, 2 hours, 30 km around a point, 20 spaces a page), with its parameters
 * in the service's order: the ceiling is the same SQL, returning the same columns. `main` checks
 * that PostgreSQL sees the service run this very statement (same query identifier) and that it
 * returns the page the service returns.
 */
const DIRECT_SQL = `
  SELECT c.*, f.starts, f.ends,
         (SELECT json_build_object('id', p.id, 'altText', p.alt_text, 'width', p.width, 'height', p.height)
            FROM booking.space_photo p WHERE p.space_id = c.id ORDER BY p.position LIMIT 1) AS photo
    FROM (
      SELECT s.id, s.establishment_id, s.name, s.kind, s.capacity, s.area_m2, s.equipment, s.step_free_access, s.photo_urls,
             s.buffer_minutes, s.min_notice_hours, s.max_horizon_days,
             e.name AS establishment_name, e.commune_name, e.latitude, e.longitude,
             2 * 6371 * asin(sqrt(power(sin(radians(e.latitude - $3) / 2), 2) + cos(radians($3)) * cos(radians(e.latitude)) * power(sin(radians(e.longitude - $4) / 2), 2))) AS distance_km,
             t.hourly_cents, t.half_day_cents, t.day_cents, t.deposit_cents,
             row_number() OVER (ORDER BY 2 * 6371 * asin(sqrt(power(sin(radians(e.latitude - $3) / 2), 2) + cos(radians($3)) * cos(radians(e.latitude)) * power(sin(radians(e.longitude - $4) / 2), 2))) NULLS LAST, e.name, s.name, s.id) AS position,
             count(*) OVER () AS total
        FROM booking.space s
        JOIN booking.establishment e ON e.id = s.establishment_id
        JOIN booking.tariff t ON t.space_id = s.id AND t.category = $1
       WHERE s.active AND e.status = 'active' AND $1 = ANY(s.allowed_categories)
         AND s.min_duration_minutes <= $2 AND s.max_duration_minutes >= $2
         AND point(e.longitude, e.latitude) <@ box(point($4 - $5 / (111.0 * cos(radians($3))), $3 - $5 / 111.0), point($4 + $5 / (111.0 * cos(radians($3))), $3 + $5 / 111.0))
         AND 2 * 6371 * asin(sqrt(power(sin(radians(e.latitude - $3) / 2), 2) + cos(radians($3)) * cos(radians(e.latitude)) * power(sin(radians(e.longitude - $4) / 2), 2))) <= $5
       ORDER BY position
      OFFSET $6 LIMIT $7) c
   CROSS JOIN LATERAL (SELECT array_agg(lower(r) AT TIME ZONE 'UTC' ORDER BY lower(r))::text AS starts,
                              array_agg(upper(r) AT TIME ZONE 'UTC' ORDER BY lower(r))::text AS ends,
                              min(lower(r)) AS first
                         FROM booking.free_slots(c.id, c.establishment_id, c.buffer_minutes,
                                greatest($8::timestamptz, $10::timestamptz + make_interval(hours => c.min_notice_hours)),
                                least($9::timestamptz, $10::timestamptz + make_interval(days => c.max_horizon_days)),
                                $11::tstzmultirange, $12::integer, 10) r) f
   WHERE f.starts IS NOT NULL OR c.position = least(c.total, $13)
   ORDER BY c.position
   LIMIT $14`;

/** PostgreSQL's identifier of a statement's parse tree: equal for the same statement, whatever its spacing. */
async function queryIdentifier(client: Client, args: DirectArgs): Promise<string> {
  await client.query('SET compute_query_id = on');
  const { rows } = await client.query({ text: `EXPLAIN (VERBOSE) ${DIRECT_SQL}`, values: [...args] });
  const line = rows
    .map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN'])
    .find((text: string) => text.startsWith('Query Identifier: '));
  if (!line) throw new Error('PostgreSQL did not report a query identifier');
  return line.slice('Query Identifier: '.length);
}

/**
 * True when a session of the booking service is running (or last ran) the bench's direct SQL.
 * Called under load, when every service connection is busy searching.
 */
async function serviceRunsDirectSql(url: string, args: DirectArgs): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const id = await queryIdentifier(client, args);
    const { rows } = await client.query(
      `SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query_id = $1::bigint`,
      [id],
    );
    return rows[0].sessions > 0;
  } finally {
    await client.end();
  }
}

/** The requested days of the bench's query (whole days, Paris time) as a multirange, as the service builds it. */
async function requestedDays(
  client: Client,
  from: string,
  to: string,
): Promise<{ days: string; start: Date; end: Date }> {
  const { rows } = await client.query(
    `SELECT days::text AS days, lower(days) AS start, upper(days) AS end FROM (
       SELECT range_agg(tstzrange((d::date)::timestamp AT TIME ZONE 'Europe/Paris', (d::date + 1)::timestamp AT TIME ZONE 'Europe/Paris', '[)')) AS days
         FROM generate_series($1::date, $2::date, interval '1 day') d) requested`,
    [from, to],
  );
  return rows[0];
}

type DirectArgs = unknown[];

async function directPage(
  url: string,
  args: DirectArgs,
): Promise<{ id: string; starts: string | null; ends: string | null }[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query({ name: 'search', text: DIRECT_SQL, values: args })).rows;
  } finally {
    await client.end();
  }
}

/** Statements per second, and the database's CPU per statement (read before the pool's backends exit). */
async function directSql(url: string, args: DirectArgs, connections: number, seconds: number) {
  const before = await databaseCpu(url);
  const pool = new Pool({ connectionString: url, max: connections });
  let done = 0;
  const deadline = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < deadline) {
      // Named, hence prepared once per connection, as the service does.
      await pool.query({ name: 'search', text: DIRECT_SQL, values: args });
      done++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const cpu = await databaseCpuSince(url, before);
  await pool.end();
  return { rps: done / seconds, databaseCpu: cpu / done };
}

async function conflicts(base: string, url: string, mint: (accountId: string) => Promise<string>) {
  const client = new Client({ connectionString: url });
  await client.connect();
  // A verified, insured association of the bench's own, and spaces it may book, open on Saturdays.
  const accountId = randomUUID();
  const {
    rows: [organisation],
  } = await client.query(
    `
    INSERT INTO booking.organisation (name, kind, rna, eligibility_declared_at, republican_contract_acknowledged, insurance_reference, insurance_expires_on, status)
    VALUES ('Association du banc d''essai', 'association', 'W99' || substr(replace($1::text, '-', ''), 1, 7), now(), true, 'BENCH', now() + interval '2 years', 'verified')
    RETURNING id`,
    [accountId],
  );
  await client.query(`INSERT INTO booking.membership (account_id, organisation_id, role) VALUES ($1, $2, 'owner')`, [
    accountId,
    organisation.id,
  ]);
  const member = { account_id: accountId, organisation_id: organisation.id as string, kind: 'association' };
  // A Saturday some weeks ahead, 08:30-09:30 UTC (09:30 or 10:30 in Paris).
  const saturday = new Date(Date.now() + (30 + 7 * Math.floor(Math.random() * 40)) * 86_400_000);
  saturday.setUTCDate(saturday.getUTCDate() + ((6 - saturday.getUTCDay() + 7) % 7));
  const day = saturday.toISOString().slice(0, 10);
  const slot = { start: `${day}T08:30:00Z`, end: `${day}T09:30:00Z` };
  // Spaces where that hour is offered and free (the seed and earlier runs booked some), as the search computes it.
  const { rows: spaces } = await client.query(
    `SELECT s.id FROM booking.space s JOIN booking.establishment e ON e.id = s.establishment_id
      WHERE s.active AND e.status = 'active' AND $1 = ANY(s.allowed_categories) AND s.min_notice_hours <= 48 AND s.min_duration_minutes <= 60 AND s.max_duration_minutes >= 60
        AND EXISTS (SELECT 1 FROM booking.tariff t WHERE t.space_id = s.id AND t.category = $1)
        AND EXISTS (SELECT 1 FROM booking.free_slots(s.id, s.establishment_id, s.buffer_minutes, $2, $3, tstzmultirange(tstzrange($2, $3)), 60, 1))
      LIMIT 20`,
    [member.kind, slot.start, slot.end],
  );
  await client.end();
  const token = await mint(member.account_id);
  const perSlot = 25;
  const started = Date.now();
  const outcomes = await Promise.all(
    spaces.flatMap((space: { id: string }) =>
      Array.from({ length: perSlot }, () =>
        fetch(`${base}/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            spaceId: space.id,
            organisationId: member.organisation_id,
            startsAt: slot.start,
            endsAt: slot.end,
          }),
        }).then((r) => ({ space: space.id, status: r.status })),
      ),
    ),
  );
  const elapsed = Date.now() - started;
  const successes = new Map<string, number>();
  for (const outcome of outcomes)
    if (outcome.status === 201) successes.set(outcome.space, (successes.get(outcome.space) ?? 0) + 1);
  const other = outcomes.filter((o) => o.status !== 201 && o.status !== 409).map((o) => o.status);
  return {
    slots: spaces.length,
    requests: outcomes.length,
    oneEach: spaces.every((s: { id: string }) => successes.get(s.id) === 1),
    successes: [...successes.values()].reduce((a, b) => a + b, 0),
    other,
    elapsed,
  };
}

/** The booking service this run started: stopped whatever happens, so no process outlives the benchmark. */
let running: ChildProcess | undefined;
process.on('exit', () => running?.kill('SIGTERM'));

async function main() {
  const reuse = process.argv.indexOf('--reuse-database');
  const name = reuse > 0 ? (process.argv[reuse + 1] as string) : `bench_search_${Date.now().toString(36)}`;
  const url = databaseUrl(name);
  const issuer = await createTokenIssuer();
  const jwks = await startJwksServer(() => issuer);
  if (reuse < 0) {
    log(`bench: creating database ${name}`);
    await admin(`CREATE DATABASE "${name}"`);
  }
  // So that pg_stat_activity shows the identifier of the statement each service session runs (superuser only).
  let checkStatement = await admin(`ALTER DATABASE "${name}" SET compute_query_id = on`).then(
    () => true,
    (error: Error) => (
      log(`bench: cannot check that the direct SQL is the service's statement (${error.message})`),
      false
    ),
  );
  log('bench: starting the booking service (it migrates the schema)');
  let booking = await startBooking(url, jwks.url);
  running = booking.child;
  if (reuse < 0) {
    booking.child.kill('SIGTERM');
    log('bench: seeding the national scale (5,000 collèges, 1,000,000 bookings)...');
    await seedNational(url, { log: (line) => log(`  ${line}`) });
    booking = await startBooking(url, jwks.url);
    running = booking.child;
  }
  // The booking service materialises the seeded spaces' opening windows at start; searches wait for it.
  await awaitMaterialisedAvailability(url, { log: (line) => log(`  ${line}`), intervalMs: 5_000 });
  const client = new Client({ connectionString: url });
  await client.connect();
  // As autovacuum would have by then on a server in service: statistics, and visibility maps for index-only scans.
  log('bench: VACUUM ANALYZE...');
  await client.query('VACUUM ANALYZE');
  const {
    rows: [point],
  } = await client.query(
    `SELECT latitude AS lat, longitude AS lng FROM booking.establishment WHERE status = 'active' ORDER BY uai LIMIT 1 OFFSET 1234`,
  );
  const from = localDate(14);
  const to = localDate(41);
  const days = await requestedDays(client, from, to);
  await client.end();
  const query = `/search?from=${from}&to=${to}&durationMinutes=120&latitude=${point.lat}&longitude=${point.lng}&radiusKm=30&pageSize=20`;
  type Page = { items: { space: { id: string }; slots: { startsAt: string; endsAt: string }[] }[] };
  const sample = (await (await fetch(`${booking.base}${query}`)).json()) as Page;
  // In the service's parameter order (see DIRECT_SQL): the first page, by distance.
  const args: DirectArgs = [
    'association',
    120,
    point.lat,
    point.lng,
    30,
    0,
    600,
    days.start,
    days.end,
    new Date(),
    days.days,
    120,
    600,
    21,
  ];
  const direct = (await directPage(url, args)).filter((row) => row.starts !== null);
  // `{"2026-12-06 18:00:00",...}`: UTC times, as ISO strings.
  const instants = (array: string | null) =>
    (array ?? '{}')
      .slice(1, -1)
      .split(',')
      .filter(Boolean)
      .map((text) => new Date(`${text.replaceAll('"', '').replace(' ', 'T')}Z`).toISOString());
  const same =
    JSON.stringify(direct.slice(0, 20).map((row) => [row.id, instants(row.starts), instants(row.ends)])) ===
    JSON.stringify(
      sample.items.map((item) => [
        item.space.id,
        item.slots.map((slot) => slot.startsAt),
        item.slots.map((slot) => slot.endsAt),
      ]),
    );
  log(
    `bench: search over 4 weeks around (${point.lat}, ${point.lng}): ${sample.items.length} spaces on the first page; direct SQL returns the same page: ${same}`,
  );
  if (!same)
    throw new Error('the direct SQL and the service return different pages: the ceiling would not be the same query');

  const seconds = Number(process.env['BENCH_SECONDS'] ?? 15);
  const bookingPid = booking.child.pid ?? 0;
  // What the idle service spends on its own (outbox relay, sweepers), taken off the loads' CPU.
  const idleFrom = processCpuMilliseconds(bookingPid);
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const idleCpuPerSecond = (processCpuMilliseconds(bookingPid) - idleFrom) / 5;
  const figures: string[] = [];
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  for (const connections of [16, 64]) {
    log(`bench: HTTP search, ${connections} connections, ${seconds} s...`);
    const bookingCpuBefore = processCpuMilliseconds(bookingPid);
    const databaseBefore = await databaseCpu(url);
    const loadStarted = Date.now();
    const loading = load(`${booking.base}${query}`, connections, seconds);
    if (checkStatement) {
      // Mid-load, every service connection is searching: one of them shows its statement's identifier.
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, (seconds * 1000) / 2)));
      const runs = await serviceRunsDirectSql(url, args);
      log(`bench: the service runs exactly the direct SQL (same query identifier): ${runs}`);
      if (!runs)
        throw new Error(
          'DIRECT_SQL is no longer the statement the booking service runs for this search: copy it again from FreeSlotSearch',
        );
      checkStatement = false;
    }
    const http = await loading;
    const requests = http.rps * seconds;
    const bookingCpu =
      (processCpuMilliseconds(bookingPid) - bookingCpuBefore - (idleCpuPerSecond * (Date.now() - loadStarted)) / 1000) /
      requests;
    const httpDatabaseCpu = (await databaseCpuSince(url, databaseBefore)) / requests;
    log(`bench: direct SQL, ${connections} clients, ${seconds} s...`);
    const { rps: sqlRps, databaseCpu: directDatabaseCpu } = await directSql(url, args, connections, seconds);
    const line =
      `${connections} connections: p50 ${http.p50} ms, p95 ${http.p95} ms, p99 ${http.p99} ms, ${http.rps.toFixed(0)} req/s (errors ${http.errors}); ` +
      `direct SQL ${sqlRps.toFixed(0)} req/s; ratio ${((100 * http.rps) / sqlRps).toFixed(0)} %; ` +
      `CPU per search: booking ${ms(bookingCpu)}, PostgreSQL ${ms(httpDatabaseCpu)} (direct ${ms(directDatabaseCpu)}); load ${os.loadavg()[0]?.toFixed(1)}`;
    log(`bench: ${line}`);
    figures.push(line);
  }
  log('bench: conflicting requests...');
  const race = await conflicts(booking.base, url, (accountId) =>
    issuer.mint({ accountId, provider: 'franceconnect', displayName: 'Bench', roles: [] }, 'booking'),
  );
  log(
    `bench: ${race.requests} requests for ${race.slots} slots in ${race.elapsed} ms: ${race.successes} successes, exactly one per slot: ${race.oneEach}; other statuses: ${JSON.stringify(race.other)}`,
  );

  // Awaited, so that a CPU profile (BENCH_CPU_PROF_DIR) is written before the bench reports.
  const exited = new Promise((resolve) => booking.child.once('exit', resolve));
  booking.child.kill('SIGTERM');
  await exited;
  await jwks.close();
  log(
    `search bench: ${figures.join(' | ')} | conflicts: one success per slot = ${race.oneEach} (database ${name} kept; drop it with DROP DATABASE "${name}")`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(`search bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
