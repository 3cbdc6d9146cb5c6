import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createTokenIssuer, startJwksServer, type Caller, type JwksServer, type TokenIssuer } from '@salle/auth';
import { LocalFolderStore } from '@salle/storage';
import { fetchRetryingReset, spawnTypescript, type TestDatabase } from '@salle/testing';
import { collegeSiret } from '../src/identifiers';
import { seedIsere } from '../src/seed-isere';
import {
  bookingSchemaTemplate,
  cloneDatabase,
  queryRows,
  startBookingProcess,
  type BookingProcess,
} from './booking-schema';

const TODAY = '2026-11-22';
const NBSP = '\u00a0';

interface SeededPhoto {
  space_id: string;
  kind: string;
  uai: string;
  published: boolean;
  photo_id: string | null;
  position: number | null;
  alt_text: string | null;
  width: number | null;
  height: number | null;
  uploaded_by: string | null;
  shared_files: string | null;
}

/** Every file of a local store, by key, with a digest of its bytes. */
async function storedFiles(root: string): Promise<Map<string, string>> {
  const base = path.join(root, 'objects');
  const entries = await readdir(base, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    files.set(
      path.relative(base, file),
      createHash('sha256')
        .update(await readFile(file))
        .digest('hex'),
    );
  }
  return files;
}

/** Runs `task` over `items`, a few at a time (the booking service shares the machine with the test). */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

describe('seeded illustrations of spaces', () => {
  let template: TestDatabase;
  let database: TestDatabase;
  const databases: TestDatabase[] = [];
  const folders: string[] = [];
  let storageDir: string;
  let booking: BookingProcess;
  let issuer: TokenIssuer;
  let jwks: JwksServer;
  let photos: SeededPhoto[];
  const lines: string[] = [];

  const folder = async () => {
    const made = await mkdtemp(path.join(tmpdir(), 'salle-seed-photos-'));
    folders.push(made);
    return made;
  };
  const managerOf = (uai: string): Caller => ({
    accountId: randomUUID(),
    provider: 'proconnect',
    displayName: 'Agent Collège',
    roles: [],
    siret: collegeSiret(uai),
  });
  const get = async (route: string, caller?: Caller, method = 'GET') =>
    fetchRetryingReset(`${booking.url}${route}`, {
      method,
      headers: caller ? { authorization: `Bearer ${await issuer.mint(caller, 'booking')}` } : {},
    });
  const fileRoute = (photo: SeededPhoto, size: number) => `/spaces/${photo.space_id}/photos/${photo.photo_id}/${size}`;
  const picture = async (photo: SeededPhoto, size: number, caller?: Caller) => {
    const response = await get(fileRoute(photo, size), caller);
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, contentType: response.headers.get('content-type'), bytes };
  };

  beforeAll(async () => {
    template = await bookingSchemaTemplate();
    database = await cloneDatabase(template, 'photos');
    databases.push(database);
    storageDir = await folder();
    const store = new LocalFolderStore(storageDir);
    const outcome = await seedIsere(database.url, {
      seed: 38,
      today: TODAY,
      log: (line) => lines.push(line),
      photos: store,
    });
    expect(outcome.seeded).toBe(true);
    issuer = await createTokenIssuer();
    jwks = await startJwksServer(() => issuer);
    booking = await startBookingProcess(database.url, { STORAGE_LOCAL_DIR: storageDir, INTERNAL_JWKS_URL: jwks.url });
    photos = await queryRows<SeededPhoto>(
      database,
      `SELECT s.id AS space_id, s.kind, e.uai, (s.active AND e.status = 'active') AS published,
              p.id AS photo_id, p.position, p.alt_text, p.width, p.height, p.uploaded_by, p.shared_files
         FROM booking.space s
         JOIN booking.establishment e ON e.id = s.establishment_id
         LEFT JOIN booking.space_photo p ON p.space_id = s.id
        ORDER BY e.uai, s.id`,
    );
  }, 180_000);
  afterAll(async () => {
    await booking?.stop();
    await jwks?.close();
    for (const made of databases) await made.drop();
    await template?.drop();
    for (const made of folders) await rm(made, { recursive: true, force: true });
  });

  it('gives every seeded space one illustration, first in its order, whose text says it is not a photo of the place', () => {
    expect(photos.length).toBeGreaterThan(450);
    expect(new Set(photos.map((photo) => photo.space_id)).size).toBe(photos.length);
    for (const photo of photos) {
      expect(photo).toMatchObject({ photo_id: expect.any(String), position: 0, width: 1200, height: 800 });
      expect(photo.uploaded_by).toBeNull();
      expect(photo.alt_text?.trim()).toMatch(
        new RegExp(`^Illustration d’.+${NBSP}: .+\\. Image d’exemple, pas une photo de ce lieu\\.$`),
      );
    }
    // One wording per kind, naming it: the six kinds the seed has get six texts.
    const textsByKind = new Map<string, Set<string>>();
    for (const photo of photos)
      textsByKind.set(photo.kind, (textsByKind.get(photo.kind) ?? new Set()).add(photo.alt_text as string));
    expect([...textsByKind.keys()].sort()).toEqual([
      'auditorium',
      'boarding',
      'classroom',
      'gymnasium',
      'meeting_room',
      'multipurpose_hall',
    ]);
    for (const texts of textsByKind.values()) expect(texts.size).toBe(1);
    expect(new Set(photos.map((photo) => photo.alt_text)).size).toBe(6);
    expect(lines.at(-1)).toMatch(new RegExp(`^seed: Isère seeded in [\\d.]+ s: .* ${photos.length} space photos, `));
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^space photos: ${photos.length} illustrations sharing ${textsByKind.size * 2} files \\(\\d+ kB, [\\d.]+ s\\)$`,
        ),
      ),
    );
  });

  it('serves every published space’s illustration to anyone, as WebP 400 px wide, listed with its text', async () => {
    const published = photos.filter((photo) => photo.published);
    expect(published.length).toBeGreaterThan(400);
    const faults: string[] = [];
    await eachLimited(published, 6, async (photo) => {
      const { status, contentType, bytes } = await picture(photo, 400);
      const metadata = status === 200 ? await sharp(bytes).metadata() : undefined;
      const seen = [status, contentType, metadata?.format, metadata?.width, metadata?.height].join(' ');
      if (seen !== '200 image/webp webp 400 267') faults.push(`${photo.space_id}: ${seen}`);
    });
    expect(faults).toEqual([]);
    const [first] = published;
    const listed = (await (await get(`/spaces/${first?.space_id}/photos`)).json()) as { photos: unknown[] };
    expect(listed.photos).toEqual([
      expect.objectContaining({ id: first?.photo_id, altText: first?.alt_text, position: 0, width: 1200, height: 800 }),
    ]);
  });

  it('serves the 1,200 px rendition, one drawing per kind of space, the same for every space of a kind', async () => {
    const digests = new Map<string, Set<string>>();
    const fetched = new Map<string, number>();
    for (const photo of photos.filter((p) => p.published)) {
      // Three spaces of each kind, in different collèges (the list is ordered by UAI).
      if ((fetched.get(photo.kind) ?? 0) >= 3) continue;
      fetched.set(photo.kind, (fetched.get(photo.kind) ?? 0) + 1);
      const { status, contentType, bytes } = await picture(photo, 1200);
      const metadata = await sharp(bytes).metadata();
      expect([status, contentType, metadata.format, metadata.width, metadata.height]).toEqual([
        200,
        'image/webp',
        'webp',
        1200,
        800,
      ]);
      const digest = createHash('sha256').update(bytes).digest('hex');
      digests.set(photo.kind, (digests.get(photo.kind) ?? new Set()).add(digest));
    }
    expect(digests.size).toBe(6);
    for (const kindDigests of digests.values()) expect(kindDigests.size).toBe(1);
    expect(new Set([...digests.values()].flatMap((set) => [...set])).size).toBe(6);
  });

  it('hides a draft collège’s illustrations from visitors, as any of its photos, and shows them to its manager', async () => {
    const draft = photos.find((photo) => !photo.published) as SeededPhoto;
    expect(draft).toBeDefined();
    expect((await picture(draft, 400)).status).toBe(404);
    const own = await picture(draft, 400, managerOf(draft.uai));
    expect([own.status, (await sharp(own.bytes).metadata()).width]).toEqual([200, 400]);
  });

  it('stores each drawing once, shared by the spaces of its kind', async () => {
    const namesByKind = new Map<string, Set<string | null>>();
    for (const photo of photos)
      namesByKind.set(photo.kind, (namesByKind.get(photo.kind) ?? new Set()).add(photo.shared_files));
    for (const names of namesByKind.values()) expect(names.size).toBe(1);
    const names = [...namesByKind.values()].flatMap((set) => [...set]) as string[];
    expect(new Set(names).size).toBe(namesByKind.size);
    const files = [...(await storedFiles(storageDir)).keys()].sort();
    expect(files).toEqual(
      names.flatMap((name) => [`space-photos/shared/${name}-1200`, `space-photos/shared/${name}-400`]).sort(),
    );
  });

  it('keeps the other spaces’ illustrations when a manager deletes one, and refuses another collège’s manager', async () => {
    // Two classrooms of one collège (the list is ordered by UAI) and one elsewhere: the same drawing, shared files.
    const classrooms = photos.filter((photo) => photo.kind === 'classroom' && photo.published);
    const pair = classrooms.findIndex((photo, index) => classrooms[index + 1]?.uai === photo.uai);
    const removed = classrooms[pair] as SeededPhoto;
    const sibling = classrooms[pair + 1] as SeededPhoto;
    const uai = removed.uai;
    const elsewhere = classrooms.find((photo) => photo.uai !== uai) as SeededPhoto;
    const before = await storedFiles(storageDir);
    const route = `/spaces/${removed.space_id}/photos/${removed.photo_id}`;

    expect((await get(route, managerOf(elsewhere.uai), 'DELETE')).status).toBe(403);
    expect((await get(route, undefined, 'DELETE')).status).toBe(401);
    expect((await picture(removed, 400)).status).toBe(200);

    expect((await get(route, managerOf(uai), 'DELETE')).status).toBe(204);
    expect((await picture(removed, 400)).status).toBe(404);
    expect(((await (await get(`/spaces/${removed.space_id}/photos`)).json()) as { photos: unknown[] }).photos).toEqual(
      [],
    );
    expect(await storedFiles(storageDir)).toEqual(before);
    for (const other of [sibling, elsewhere]) {
      for (const size of [400, 1200]) {
        const served = await picture(other, size);
        expect([served.status, (await sharp(served.bytes).metadata()).width]).toEqual([200, size]);
      }
    }
  });

  it('writes the same files on every run, also from the command line given the service’s STORAGE_LOCAL_DIR', async () => {
    const again = await cloneDatabase(template, 'photos_cli');
    databases.push(again);
    const otherDir = await folder();
    const child = spawnTypescript(
      'tools/seed/src/cli.ts',
      ['isere', '--database-url', again.url, '--today', TODAY, '--seed', '38', '--photos'],
      { env: { ...process.env, STORAGE_LOCAL_DIR: otherDir }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.resume();
    const [code] = (await once(child, 'exit')) as [number];
    expect([code, stderr]).toEqual([0, '']);
    expect(await storedFiles(otherDir)).toEqual(await storedFiles(storageDir));
    // The same rows too, but for the photo the test above removed from the first database.
    const rows = async (target: TestDatabase) =>
      queryRows(target, 'SELECT id, space_id, alt_text, shared_files FROM booking.space_photo ORDER BY id');
    const first = await rows(database);
    const second = await rows(again);
    expect(second.length).toBe(photos.length);
    expect(second.filter((row) => first.some((kept) => kept['id'] === row['id']))).toEqual(first);
  }, 120_000);
});
