// Backup and restore as docs/operations.md tells operators to do it: pg_dump in custom format, pg_restore into
// an empty database, a booking service started on the copy. Its search and calendar answers must be the
// original's, byte for byte.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BookingView, EstablishmentView, OrganisationView } from '@salle/contracts';
import { createTestDatabase, type TestDatabase } from '@salle/testing';
import { publicHolidayOn } from '../src/domain/calendar';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant, upcomingSaturday } from './fixtures';

const run = promisify(execFile);

// pg_dump refuses a server newer than itself. The tests' server is the machine's (CI: Debian's, as pg_dump) or,
// where none runs, the embedded one, which may be newer than the installed client tools: then this test cannot
// run here, and says so, rather than fail on the tools.
function clientToolsMatchServer(): boolean {
  const serverVersion = execFileSync('psql', [String(process.env['TEST_PG_URL']), '-tAc', 'SHOW server_version_num']);
  const serverMajor = Math.floor(Number(serverVersion.toString().trim()) / 10_000);
  const dumpMajor = Number(/(\d+)\.\d+/.exec(execFileSync('pg_dump', ['--version']).toString())?.[1]);
  if (dumpMajor >= serverMajor) return true;
  process.stderr.write(`backup test skipped: pg_dump ${dumpMajor} cannot dump a PostgreSQL ${serverMajor} server\n`);
  return false;
}
const itWithClientTools = clientToolsMatchServer() ? it : it.skip;

describe('backup, restore, identical answers', () => {
  let original: BookingTestService;
  let copy: BookingTestService | undefined;
  let restored: TestDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salle-backup-'));
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const owner = franceConnectUser();
  const saturday = upcomingSaturday(4, (d) => publicHolidayOn(d) !== null);
  const friday = new Date(Date.parse(saturday) - 86_400_000).toISOString().slice(0, 10);
  let spaceId: string;

  beforeAll(async () => {
    original = await startBookingTestService('backup');
    const establishmentId = (await original.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    await original.as(admin).post('/establishments', beaurepaire);
    spaceId = (await original.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body[
      'id'
    ] as string;
    await original.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
      rules: [
        { weekdays: [1, 2, 3, 4, 5], startTime: '16:00', endTime: '22:00' },
        { weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' },
      ],
    });
    await original
      .as(manager)
      .put(`/spaces/${spaceId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1000 }] });
    await original.as(manager).post(`/establishments/${establishmentId}/closures`, {
      spaceId,
      startsAt: parisInstant(saturday, '17:00'),
      endsAt: parisInstant(saturday, '20:00'),
      reason: 'Spectacle du collège',
    });
    const organisationId = (await original.as(owner).post<OrganisationView>('/organisations', association())).body.id;
    await original.as(admin).post(`/organisations/${organisationId}/verify`);
    const booked = await original.as(owner).post<BookingView>('/bookings', {
      spaceId,
      organisationId,
      startsAt: parisInstant(saturday, '10:00'),
      endsAt: parisInstant(saturday, '12:00'),
      purpose: 'Tournoi',
    });
    expect(booked.status).toBe(201);
    restored = await createTestDatabase('restored');
  }, 60_000);

  afterAll(async () => {
    await copy?.stop();
    await original?.stop();
    await restored?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The raw answers to compare: a search and a calendar, as a visitor and as the renter. */
  async function answers(api: BookingTestService): Promise<string[]> {
    const paths = [
      `/search?${new URLSearchParams({ from: friday, to: saturday, durationMinutes: '60' })}`,
      `/spaces/${spaceId}/calendar?from=${friday}&to=${saturday}`,
    ];
    const texts: string[] = [];
    for (const headers of [{}, await api.headersFor(owner)]) {
      for (const p of paths) {
        const response = await fetch(`${api.service.url}${p}`, { headers });
        expect(response.status).toBe(200);
        texts.push(await response.text());
      }
    }
    return texts;
  }

  itWithClientTools(
    'restores a pg_dump into an empty database on which booking gives the same answers',
    async () => {
      const before = await answers(original);
      expect(before[3]).toContain('"mine":true');

      const dump = path.join(dir, 'salle.dump');
      await run('pg_dump', ['--format=custom', `--file=${dump}`, original.databaseUrl]);
      await run('pg_restore', ['--no-owner', `--dbname=${restored.url}`, dump]);

      copy = await startBookingTestService('restored', restored);
      // Nothing left to migrate: the copy has the original's schema and its migration history.
      const migrations = (db: BookingTestService) =>
        db.service.dataSource.query(`SELECT name FROM booking.migrations ORDER BY id`) as Promise<{ name: string }[]>;
      expect(await migrations(copy)).toEqual(await migrations(original));

      expect(await answers(copy)).toEqual(before);
    },
    60_000,
  );
});
