import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { spawnTypescript, type TestDatabase } from '@salle/testing';
import { bookingSchemaTemplate, cloneDatabase, queryRows } from './booking-schema';
import { passesLuhn, validateSiret } from '@salle/french-identifiers';
import { collegeSiret, SANDBOX_AGENT_COLLEGE_SIRETS, uaiOf } from '../src/identifiers';
import { buildIsere, PAYFIP_DEMO_COLLEGE, seededEstablishmentId, seedIsere } from '../src/seed-isere';
import { seedNational } from '../src/seed-national';
import { SeedError } from '../src/seed-writer';

const workspaceRoot = path.resolve(__dirname, '../../..');
const TODAY = '2026-11-22';
const NOW = new Date('2026-11-22T11:00:00Z');
const quiet = () => undefined;

/** The real list, read independently of the seed's own loader. */
const realColleges = readFileSync(path.join(__dirname, '../data/isere-colleges.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [uai, name, commune, insee] = line.split(',');
    return {
      uai: uai as string,
      name: (name as string).replace(/^"|"$/g, ''),
      commune: commune as string,
      insee: insee as string,
    };
  });

const TABLES: [string, string][] = [
  ['establishment', 'id'],
  ['space', 'id'],
  ['opening_rule', 'id'],
  ['tariff', 'space_id, category'],
  ['closure', 'id'],
  ['organisation', 'id'],
  ['membership', 'account_id, organisation_id'],
  ['series', 'id'],
  ['booking', 'id'],
  ['audit_entry', 'id'],
];

const count = async (database: TestDatabase, table: string, where = 'true') =>
  Number((await queryRows<{ n: string }>(database, `SELECT count(*) AS n FROM booking.${table} WHERE ${where}`))[0]?.n);

const overlapping = async (database: TestDatabase) =>
  count(
    database,
    `booking a`,
    `EXISTS (SELECT 1 FROM booking.booking b WHERE b.space_id = a.space_id AND b.id <> a.id
             AND tstzrange(b.starts_at, b.blocked_until) && tstzrange(a.starts_at, a.blocked_until))`,
  );

describe('seed', () => {
  let template: TestDatabase;
  const databases: TestDatabase[] = [];
  const fresh = async (label: string) => {
    const database = await cloneDatabase(template, label);
    databases.push(database);
    return database;
  };
  let isere: TestDatabase;

  beforeAll(async () => {
    template = await bookingSchemaTemplate();
    isere = await fresh('isere');
    const outcome = await seedIsere(isere.url, { seed: 38, today: TODAY, log: quiet });
    expect(outcome.seeded).toBe(true);
  }, 90_000);
  afterAll(async () => {
    for (const database of databases) await database.drop();
    await template?.drop();
  });

  describe('Isère', () => {
    it('holds the 97 real collèges with their UAI, name, commune and INSEE code, in zone A', async () => {
      const rows = await queryRows<{
        uai: string;
        name: string;
        commune_name: string;
        commune_insee: string;
        school_zone: string;
      }>(isere, 'SELECT uai, name, commune_name, commune_insee, school_zone FROM booking.establishment ORDER BY uai');
      expect(realColleges).toHaveLength(97);
      expect(
        rows.map((row) => ({ uai: row.uai, name: row.name, commune: row.commune_name, insee: row.commune_insee })),
      ).toEqual([...realColleges].sort((a, b) => a.uai.localeCompare(b.uai)));
      expect(new Set(rows.map((row) => row.school_zone))).toEqual(new Set(['A']));
      expect(await count(isere, 'establishment', `status = 'active'`)).toBe(90);
    });

    it('addresses each collège by its name, postcode and commune: the sources hold no street, none is invented', async () => {
      const rows = await queryRows<{ name: string; address: string; postal_code: string }>(
        isere,
        'SELECT name, address, postal_code FROM booking.establishment',
      );
      expect(rows.filter((row) => row.address !== row.name || !/^38\d{3}$/.test(row.postal_code))).toEqual([]);
    });

    it('gives every collège a synthetic valid SIRET (with a valid SIREN), the identity sandbox agents’ ones included', async () => {
      const rows = await queryRows<{ uai: string; siret: string; name: string }>(
        isere,
        'SELECT uai, siret, name FROM booking.establishment',
      );
      for (const row of rows) {
        expect(row.siret).toMatch(/^9999\d{10}$/);
        expect(validateSiret(row.siret)).toEqual({ ok: true, value: row.siret });
        expect(row.siret).toBe(collegeSiret(row.uai));
      }
      const byUai = new Map(rows.map((row) => [row.uai, row]));
      // The sandbox's own list, read from its source: every agent's collège must carry the agent's SIRET.
      const sandbox = readFileSync(
        path.join(workspaceRoot, 'apps/identity-sandbox/src/identities/proconnect-agents.ts'),
        'utf8',
      );
      const sandboxUais = [...sandbox.matchAll(/\{ uai: '(\d{7}[A-Z])', name: (['"])(.+?)\2/g)].map((match) => ({
        uai: match[1],
        name: match[3],
      }));
      expect(sandboxUais.map((college) => college.uai).sort()).toEqual(
        Object.keys(SANDBOX_AGENT_COLLEGE_SIRETS).sort(),
      );
      for (const college of sandboxUais) {
        expect(byUai.get(college.uai as string)).toEqual({
          uai: college.uai,
          name: college.name,
          siret: SANDBOX_AGENT_COLLEGE_SIRETS[college.uai as string],
        });
      }
      // The sandbox's rule: 99999, the UAI's digits padded to 8, a Luhn key.
      expect(SANDBOX_AGENT_COLLEGE_SIRETS['0380002W']).toBe('99990038400028');
    });

    it('has about 500 spaces of every kind, each with opening rules and tariffs', async () => {
      const kinds = Object.fromEntries(
        (
          await queryRows<{ kind: string; n: string }>(
            isere,
            'SELECT kind, count(*) AS n FROM booking.space GROUP BY kind',
          )
        ).map((row) => [row.kind, Number(row.n)]),
      );
      expect(kinds).toMatchObject({ multipurpose_hall: 97, gymnasium: 30, boarding: 5 });
      expect(kinds['classroom']).toBeGreaterThan(250);
      expect(kinds['auditorium']).toBeGreaterThan(10);
      expect(kinds['meeting_room']).toBeGreaterThan(20);
      const total = await count(isere, 'space');
      expect(total).toBeGreaterThan(450);
      expect(total).toBeLessThan(560);
      expect(
        await count(isere, 'space s', 'NOT EXISTS (SELECT 1 FROM booking.opening_rule r WHERE r.space_id = s.id)'),
      ).toBe(0);
      expect(await count(isere, 'space s', 'NOT EXISTS (SELECT 1 FROM booking.tariff t WHERE t.space_id = s.id)')).toBe(
        0,
      );
      expect(await count(isere, 'tariff', `category = 'commune' AND hourly_cents = 0`)).toBeGreaterThan(100);
      expect(await count(isere, 'opening_rule', `period = 'school_holidays'`)).toBeGreaterThan(50);
    });

    it('has 50 organisations, mostly associations with well-formed RNA numbers, verified or pending', async () => {
      const rows = await queryRows<{
        kind: string;
        rna: string | null;
        siren: string | null;
        status: string;
        name: string;
      }>(isere, 'SELECT kind, rna, siren, status, name FROM booking.organisation');
      expect(rows).toHaveLength(50);
      const associations = rows.filter((row) => row.kind === 'association');
      expect(associations.length).toBeGreaterThanOrEqual(40);
      for (const row of associations) expect(row.rna).toMatch(/^W38[123]\d{6}$/);
      for (const row of rows.filter((row) => row.kind !== 'association'))
        expect(passesLuhn(row.siren as string)).toBe(true);
      const statuses = rows.map((row) => row.status);
      expect(statuses.filter((status) => status === 'verified').length).toBeGreaterThan(35);
      expect(statuses.filter((status) => status === 'pending').length).toBeGreaterThan(3);
      expect(new Set(rows.map((row) => row.name)).size).toBe(50);
    });

    it('has a season of several thousand bookings with statuses that fit the date', async () => {
      const total = await count(isere, 'booking');
      expect(total).toBeGreaterThan(4_000);
      expect(total).toBeLessThan(10_000);
      const statuses = (await queryRows<{ status: string }>(isere, 'SELECT DISTINCT status FROM booking.booking'))
        .map((row) => row.status)
        .sort();
      expect(statuses).toEqual([
        'awaiting_payment',
        'cancelled',
        'completed',
        'confirmed',
        'expired',
        'refused',
        'requested',
      ]);
      expect(
        await count(
          isere,
          'booking',
          `status = 'completed' AND ends_at > $NOW`.replace('$NOW', `'${NOW.toISOString()}'`),
        ),
      ).toBe(0);
      expect(
        await count(
          isere,
          'booking',
          `status IN ('requested', 'awaiting_payment') AND (starts_at <= '${NOW.toISOString()}' OR expires_at <= '${NOW.toISOString()}')`,
        ),
      ).toBe(0);
      expect(await count(isere, 'booking', `status = 'awaiting_payment' AND price_cents = 0`)).toBe(0);
      expect(
        await count(
          isere,
          'booking b',
          `NOT EXISTS (SELECT 1 FROM booking.space s JOIN booking.establishment e ON e.id = s.establishment_id
        WHERE s.id = b.space_id AND e.id = b.establishment_id AND e.status = 'active' AND b.renter_category = ANY(s.allowed_categories))`,
        ),
      ).toBe(0);
      expect(
        await count(
          isere,
          'booking b',
          `NOT EXISTS (SELECT 1 FROM booking.organisation o WHERE o.id = b.organisation_id AND o.status = 'verified')`,
        ),
      ).toBe(0);
      expect(await count(isere, 'series')).toBeGreaterThan(100);
      expect(
        await count(
          isere,
          'booking b',
          `(SELECT count(*) FROM booking.audit_entry a WHERE a.booking_id = b.id) <> b.version`,
        ),
      ).toBe(0);
    });

    it('never lets two bookings of a space overlap, turnaround included, whatever their status', async () => {
      expect(await overlapping(isere)).toBe(0);
    });

    it('writes identical rows on every run with the same seed and date, and other rows with another seed', async () => {
      const again = await fresh('again');
      await seedIsere(again.url, { seed: 38, today: TODAY, log: quiet });
      for (const [table, key] of TABLES) {
        // Every column of every row, ids and timestamps included, folded into one digest per table.
        const sql = `SELECT count(*) AS rows, md5(string_agg(t::text, '|' ORDER BY ${key})) AS digest FROM booking.${table} t`;
        const [expected] = await queryRows<{ rows: string; digest: string }>(isere, sql);
        expect(Number(expected?.rows)).toBeGreaterThan(0);
        expect({ table, ...(await queryRows(again, sql))[0] }).toEqual({ table, ...expected });
      }
      const other = buildIsere({ seed: 39, today: TODAY });
      const same = buildIsere({ seed: 38, today: TODAY });
      expect(other.bookings.map((booking) => booking.id)).not.toEqual(same.bookings.map((booking) => booking.id));
      expect(other.establishments.map((establishment) => establishment.uai).sort()).toEqual(
        same.establishments.map((establishment) => establishment.uai).sort(),
      );
    });

    it('gives the collège npm start has paid through PayFiP the id its seeded row has, whatever the date', async () => {
      const [row] = await queryRows<{ id: string; name: string }>(
        isere,
        `SELECT id, name FROM booking.establishment WHERE uai = '${PAYFIP_DEMO_COLLEGE.uai}'`,
      );
      expect(row).toEqual({ id: seededEstablishmentId(PAYFIP_DEMO_COLLEGE.uai), name: PAYFIP_DEMO_COLLEGE.name });
      const later = buildIsere({ today: '2027-05-01' }).establishments.find((e) => e.uai === PAYFIP_DEMO_COLLEGE.uai);
      expect(later?.id).toBe(row?.id);
    });

    it('skips a database that already holds establishments, and says so', async () => {
      const lines: string[] = [];
      const outcome = await seedIsere(isere.url, { seed: 38, today: TODAY, log: (line) => lines.push(line) });
      expect(outcome).toEqual({
        seeded: false,
        reason: 'the database already holds 97 establishment(s): nothing written',
      });
      expect(lines.at(-1)).toBe('seed: skipped, the database already holds 97 establishment(s): nothing written.');
      expect(await count(isere, 'booking')).toBe(buildIsere({ seed: 38, today: TODAY }).bookings.length);
    });

    it('refuses a database the booking service has not migrated', async () => {
      const empty = await fresh('empty');
      await queryRows(empty, 'DROP SCHEMA booking CASCADE');
      await expect(seedIsere(empty.url, { today: TODAY, log: quiet })).rejects.toThrow(SeedError);
      await expect(seedIsere(empty.url, { today: TODAY, log: quiet })).rejects.toThrow(
        /start the booking service once/,
      );
    });
  });

  describe('national scale', () => {
    it('streams a scaled-down national data set: valid identifiers, exact counts, no overlap', async () => {
      const database = await fresh('national');
      const lines: string[] = [];
      const outcome = await seedNational(database.url, {
        establishments: 60,
        bookings: 4_000,
        organisations: 80,
        today: TODAY,
        log: (line) => lines.push(line),
      });
      expect(outcome.seeded).toBe(true);
      expect(await count(database, 'establishment')).toBe(60);
      expect(await count(database, 'booking')).toBe(4_000);
      expect(await count(database, 'organisation')).toBe(80);
      // Photos are off by default at this scale: benchmarks stay fast.
      expect(await count(database, 'space_photo')).toBe(0);
      const spaces = await count(database, 'space');
      expect(spaces).toBeGreaterThan(240);
      expect(spaces).toBeLessThan(360);
      expect(await overlapping(database)).toBe(0);
      const uais = await queryRows<{ uai: string; siret: string; school_zone: string }>(
        database,
        'SELECT uai, siret, school_zone FROM booking.establishment',
      );
      for (const row of uais) {
        expect(row.uai).toBe(uaiOf(row.uai.slice(0, 7)));
        expect(row.siret).toBe(collegeSiret(row.uai));
      }
      expect(new Set(uais.map((row) => row.school_zone))).toEqual(new Set(['A', 'B', 'C']));
      expect(lines.at(-1)).toMatch(
        /^seed: national data set seeded in [\d.]+ s: 60 collèges, \d+ spaces, 80 organisations, 4000 bookings\.$/,
      );
    });
  });

  describe('command line', () => {
    const run = async (args: string[]) => {
      const child = spawnTypescript('tools/seed/src/cli.ts', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number];
      return { code, stdout, stderr };
    };

    it('seeds, prints progress and a one-line summary', async () => {
      const database = await fresh('cli');
      const result = await run(['isere', '--database-url', database.url, '--today', TODAY, '--seed', '38']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('booking.booking: ');
      expect(result.stdout.trim().split('\n').at(-1)).toMatch(
        /^seed: Isère seeded in [\d.]+ s: 97 collèges, \d+ spaces, .* \d+ bookings \(seed 38, as of 2026-11-22\)\.$/,
      );
      expect(await count(database, 'booking')).toBe(await count(isere, 'booking'));
    });

    it('fails with a one-line message on bad arguments', async () => {
      const result = await run(['isere', '--database-url', isere.url, '--today', '22/11/2026']);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('seed: --today must be YYYY-MM-DD\n');
    });
  });
});
