import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { LocalFolderStore } from '@salle/storage';
import type {
  EstablishmentView,
  OrganisationView,
  SearchResults,
  SpacePhotosView,
  SpacePhotoView,
} from '@salle/contracts';
import { publicHolidayOn } from '../src/domain/calendar';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, upcomingSaturday } from './fixtures';

const NBSP = '\u00a0';

async function photo(format: 'jpeg' | 'png' | 'webp' | 'gif', width = 1600, height = 1200): Promise<Uint8Array> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 90, b: 40 } } });
  return new Uint8Array(await image.toFormat(format).toBuffer());
}

describe('photos of spaces', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const clubOwner = franceConnectUser();
  let spaceId: string;
  let establishmentId: string;
  let jpeg: Uint8Array;

  const route = () => `/spaces/${spaceId}/photos`;
  const upload = (who: ReturnType<typeof franceConnectUser>, bytes: Uint8Array, query: Record<string, string>) =>
    api.as(who).postBytes<SpacePhotoView>(`${route()}?${new URLSearchParams(query)}`, bytes, 'image/jpeg');
  const described = { altText: 'Gymnase vu depuis les gradins, panneaux de basket', fileName: 'gymnase.jpg' };
  const storedFiles = async () =>
    (await readdir(api.storageDir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.parentPath.includes(`${path.sep}objects`))
      .map((entry) => entry.name)
      .sort();
  const photoIds = async () => (await api.as(manager).get<SpacePhotosView>(route())).body.photos.map((p) => p.id);

  beforeAll(async () => {
    api = await startBookingTestService('space_photos');
    jpeg = await photo('jpeg');
    establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire);
    spaceId = (await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body['id'] as string;
    await api.as(clubOwner).post<OrganisationView>('/organisations', association());
    await api.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
      rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
    });
    await api
      .as(manager)
      .put(`/spaces/${spaceId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1500 }] });
  });
  afterAll(() => api.stop());

  describe('refusals, in French, storing nothing', () => {
    afterEach(async () => {
      expect(await storedFiles()).toEqual([]);
      expect(await photoIds()).toEqual([]);
    });

    it('refuses a photo without a description', async () => {
      for (const altText of [undefined, '   ']) {
        const query = altText === undefined ? { fileName: 'gymnase.jpg' } : { ...described, altText };
        const response = await upload(manager, jpeg, query);
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ code: 'validation_failed' });
        expect(JSON.stringify(response.body)).toContain('décrivez la photo en quelques mots (texte alternatif)');
      }
    });

    it('refuses a type other than JPEG, PNG or WebP, and an executable renamed .jpg', async () => {
      const gif = await upload(manager, await photo('gif', 40, 40), described);
      expect(gif.status).toBe(422);
      expect(gif.body).toMatchObject({
        code: 'file_type_refused',
        title: `Ce fichier n’est pas au format JPEG, PNG ou WebP${NBSP}: son contenu ne correspond à aucun de ces formats, quel que soit son nom. Enregistrez-le dans l’un d’eux puis recommencez.`,
      });
      const executable = new Uint8Array((await readFile(process.execPath)).subarray(0, 256 * 1024));
      const renamed = await upload(manager, executable, described);
      expect(renamed.status).toBe(422);
      expect(renamed.body).toMatchObject({ code: 'file_type_refused' });
    });

    it('refuses a file over 10 Mo, and a body far over it before reading it whole', async () => {
      const big = new Uint8Array(10 * 1024 * 1024 + 1);
      big.set(jpeg);
      const response = await upload(manager, big, described);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'file_too_large' });
      expect((response.body as unknown as { title: string }).title).toContain(`la limite est de 10${NBSP}Mo`);
      const huge = await upload(manager, new Uint8Array(12 * 1024 * 1024), described);
      expect(huge.status).toBe(413);
    });

    it('refuses another collège’s manager, an organisation member and a visitor', async () => {
      expect((await upload(otherManager, jpeg, described)).status).toBe(403);
      expect((await upload(clubOwner, jpeg, described)).status).toBe(403);
      const visitor = await api.visitor.postBytes(`${route()}?${new URLSearchParams(described)}`, jpeg, 'image/jpeg');
      expect(visitor.status).toBe(401);
    });
  });

  describe('upload, order, serving and removal', () => {
    let first: SpacePhotoView;
    let second: SpacePhotoView;

    it('stores a JPEG as WebP renditions 400 and 1200 px wide, with its description', async () => {
      const response = await upload(manager, jpeg, described);
      expect(response.status).toBe(201);
      first = response.body;
      expect(first).toMatchObject({ spaceId, altText: described.altText, position: 0, width: 1200, height: 900 });
      expect(await storedFiles()).toEqual([`${first.id}-1200`, `${first.id}-400`]);
      const png = await upload(manager, await photo('png', 800, 600), { ...described, altText: 'Vestiaires' });
      expect(png.status).toBe(201);
      second = png.body;
      expect(second).toMatchObject({ position: 1, width: 800, height: 600 });
    });

    it('serves each width to visitors of a published space, cacheable', async () => {
      const listed = await api.visitor.get<SpacePhotosView>(route());
      expect(listed.body.photos.map((p) => [p.id, p.altText])).toEqual([
        [first.id, described.altText],
        [second.id, 'Vestiaires'],
      ]);
      const small = await api.visitor.get(`${route()}/${first.id}/400`);
      expect(small.status).toBe(200);
      expect(small.headers.get('content-type')).toBe('image/webp');
      expect(small.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(small.headers.get('x-content-type-options')).toBe('nosniff');
      const metadata = await sharp(small.bytes).metadata();
      expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', 400, 300]);
      expect((await api.visitor.get(`${route()}/${first.id}/800`)).status).toBe(400);
      expect((await api.visitor.get(`${route()}/${randomUUID()}/400`)).status).toBe(404);
    });

    it('hides the photos of an unpublished space from anyone but its managers', async () => {
      await api.as(manager).patch(`/spaces/${spaceId}`, { active: false });
      try {
        expect((await api.visitor.get(route())).status).toBe(404);
        expect((await api.visitor.get(`${route()}/${first.id}/400`)).status).toBe(404);
        expect((await api.as(otherManager).get(`${route()}/${first.id}/1200`)).status).toBe(404);
        const own = await api.as(manager).get(`${route()}/${first.id}/1200`);
        expect([own.status, own.headers.get('cache-control')]).toEqual([200, 'private, no-store']);
      } finally {
        await api.as(manager).patch(`/spaces/${spaceId}`, { active: true });
      }
    });

    it('puts the photos in a new order, which must name each photo once', async () => {
      expect((await api.as(otherManager).put(`${route()}/order`, { photoIds: [second.id, first.id] })).status).toBe(
        403,
      );
      const partial = await api.as(manager).put(`${route()}/order`, { photoIds: [second.id] });
      expect([partial.status, partial.body]).toEqual([
        422,
        expect.objectContaining({ code: 'space_photo_order_invalid' }),
      ]);
      const twice = await api.as(manager).put(`${route()}/order`, { photoIds: [second.id, second.id] });
      expect(twice.status).toBe(422);
      const reordered = await api.as(manager).put<SpacePhotosView>(`${route()}/order`, {
        photoIds: [second.id, first.id],
      });
      expect(reordered.status).toBe(200);
      expect(reordered.body.photos.map((p) => [p.id, p.position])).toEqual([
        [second.id, 0],
        [first.id, 1],
      ]);
      expect(await photoIds()).toEqual([second.id, first.id]);
    });

    it('shows the first photo in search results', async () => {
      const saturday = upcomingSaturday(3, (date) => publicHolidayOn(date) !== null);
      const query = new URLSearchParams({ from: saturday, to: saturday, durationMinutes: '120' });
      const found = await api.visitor.get<SearchResults>(`/search?${query}`);
      expect(found.status).toBe(200);
      const item = found.body.items.find((candidate) => candidate.space.id === spaceId);
      expect(item?.space.photo).toEqual({ id: second.id, altText: 'Vestiaires', width: 800, height: 600 });
    });

    it('removes a photo and its files; others may not', async () => {
      expect((await api.as(otherManager).delete(`${route()}/${second.id}`)).status).toBe(403);
      expect((await api.as(clubOwner).delete(`${route()}/${second.id}`)).status).toBe(403);
      expect((await api.visitor.delete(`${route()}/${second.id}`)).status).toBe(401);
      expect((await api.as(manager).delete(`${route()}/${second.id}`)).status).toBe(204);
      expect(await storedFiles()).toEqual([`${first.id}-1200`, `${first.id}-400`]);
      const left = await api.as(manager).get<SpacePhotosView>(route());
      expect(left.body.photos.map((p) => [p.id, p.position])).toEqual([[first.id, 0]]);
      expect((await api.as(manager).delete(`${route()}/${second.id}`)).status).toBe(404);
      expect((await api.visitor.get(`${route()}/${second.id}/400`)).status).toBe(404);
    });
  });

  describe('files several spaces’ photos show (the seed’s illustrations)', () => {
    const sharedPhoto = (id: string, space: string, sharedFiles: string) =>
      api.service.dataSource.query(
        `INSERT INTO booking.space_photo (id, space_id, position, alt_text, width, height, shared_files)
         VALUES ($1, $2, 1, 'Illustration d’un gymnase', 1200, 800, $3)`,
        [id, space, sharedFiles],
      );

    it('serves them for each space, and keeps them for the others when one space’s photo is removed', async () => {
      const otherSpaceId = (
        await api.as(manager).post(`/establishments/${establishmentId}/spaces`, { ...gymnasium, name: 'Gymnase B' })
      ).body['id'] as string;
      const store = new LocalFolderStore(api.storageDir);
      const drawing = sharp({ create: { width: 1200, height: 800, channels: 3, background: '#0b4f6c' } });
      const files = { 400: await drawing.clone().resize(400).webp().toBuffer(), 1200: await drawing.webp().toBuffer() };
      for (const [size, bytes] of Object.entries(files)) {
        await store.put(`space-photos/shared/illustration-gymnasium-${size}`, new Uint8Array(bytes), 'image/webp');
      }
      const [removed, kept] = [randomUUID(), randomUUID()];
      await sharedPhoto(removed, spaceId, 'illustration-gymnasium');
      await sharedPhoto(kept, otherSpaceId, 'illustration-gymnasium');
      const served = async (space: string, photoId: string, size: 400 | 1200) => {
        const response = await api.visitor.get(`/spaces/${space}/photos/${photoId}/${size}`);
        return response.status === 200 ? Buffer.from(response.bytes).equals(files[size]) : response.status;
      };
      expect([await served(spaceId, removed, 400), await served(otherSpaceId, kept, 1200)]).toEqual([true, true]);

      expect((await api.as(otherManager).delete(`${route()}/${removed}`)).status).toBe(403);
      expect((await api.as(manager).delete(`${route()}/${removed}`)).status).toBe(204);
      expect(await served(spaceId, removed, 400)).toBe(404);
      expect((await photoIds()).includes(removed)).toBe(false);
      expect([await served(otherSpaceId, kept, 400), await served(otherSpaceId, kept, 1200)]).toEqual([true, true]);
      expect((await storedFiles()).filter((name) => name.startsWith('illustration-'))).toEqual([
        'illustration-gymnasium-1200',
        'illustration-gymnasium-400',
      ]);
    });

    it('names shared files by a plain name only', async () => {
      await expect(sharedPhoto(randomUUID(), spaceId, '../insurance/x')).rejects.toThrow(/check constraint/);
    });
  });
});
