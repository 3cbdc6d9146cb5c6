// The audit entries of a space's photos and access instructions, and of a collège's calendar link: written by the
// real booking service in the change's transaction, read back through its GET /audit-entries as the viewer does,
// none for a refused change, and none holding the instructions' text or the link's secret.
import sharp from 'sharp';
import type { AuditEntry, EstablishmentView, SpacePhotosView, SpacePhotoView } from '@salle/contracts';
import { auditEntries, summary } from './audit-entries';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, beaurepaire, gymnasium } from './fixtures';

describe('audit log of spaces and collèges', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  const citizen = franceConnectUser();
  let establishmentId: string;
  let spaceId: string;
  let jpeg: Uint8Array;

  const entries = (action: string) => auditEntries(api, { action, establishmentId });
  const asManager = { actorAccountId: manager.accountId, actorRole: 'establishment_manager', onBehalfOf: null };
  const onSpace = () => ({ objectType: 'space', objectId: spaceId, establishmentId, organisationId: null });

  beforeAll(async () => {
    api = await startBookingTestService('space_audit');
    jpeg = new Uint8Array(
      await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 20, g: 90, b: 160 } } })
        .jpeg()
        .toBuffer(),
    );
    establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire);
    spaceId = (await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body['id'] as string;
  });
  afterAll(() => api.stop());

  describe('photos', () => {
    const route = () => `/spaces/${spaceId}/photos`;
    const upload = (who: typeof manager, altText: string) =>
      api
        .as(who)
        .postBytes<SpacePhotoView>(
          `${route()}?${new URLSearchParams({ altText, fileName: 'gymnase.jpg' })}`,
          jpeg,
          'image/jpeg',
        );

    it('records each photo added, the order changed and a photo removed, with the ids in order before and after', async () => {
      const first = (await upload(manager, 'Gymnase vu des gradins')).body;
      const second = (await upload(manager, 'Vestiaires')).body;
      expect((await entries('space.photo_added')).map(summary)).toEqual([
        {
          action: 'space.photo_added',
          ...asManager,
          ...onSpace(),
          changes: {
            photos: { before: [first.id], after: [first.id, second.id] },
            altText: { before: null, after: 'Vestiaires' },
          },
        },
        {
          action: 'space.photo_added',
          ...asManager,
          ...onSpace(),
          changes: {
            photos: { before: [], after: [first.id] },
            altText: { before: null, after: 'Gymnase vu des gradins' },
          },
        },
      ]);

      const reordered = await api.as(manager).put<SpacePhotosView>(`${route()}/order`, {
        photoIds: [second.id, first.id],
      });
      expect(reordered.status).toBe(200);
      expect((await entries('space.photos_reordered')).map(summary)).toEqual([
        {
          action: 'space.photos_reordered',
          ...asManager,
          ...onSpace(),
          changes: { photos: { before: [first.id, second.id], after: [second.id, first.id] } },
        },
      ]);

      expect((await api.as(admin).delete(`${route()}/${second.id}`)).status).toBe(204);
      expect((await entries('space.photo_deleted')).map(summary)).toEqual([
        {
          action: 'space.photo_deleted',
          actorAccountId: admin.accountId,
          actorRole: 'department_admin',
          onBehalfOf: null,
          ...onSpace(),
          changes: {
            photos: { before: [second.id, first.id], after: [first.id] },
            altText: { before: 'Vestiaires', after: null },
          },
        },
      ]);
    });

    it('records nothing for a change refused to another collège’s manager or an organisation’s member', async () => {
      const kept = (await api.as(manager).get<SpacePhotosView>(route())).body.photos.map((photo) => photo.id);
      const before = await auditEntries(api, { establishmentId });
      for (const who of [otherManager, citizen]) {
        expect((await upload(who, 'Intrusion')).status).toBe(403);
        expect((await api.as(who).put(`${route()}/order`, { photoIds: kept })).status).toBe(403);
        expect((await api.as(who).delete(`${route()}/${kept[0]}`)).status).toBe(403);
      }
      expect(await auditEntries(api, { establishmentId })).toEqual(before);
    });
  });

  describe('access instructions', () => {
    const instructions = {
      keys: 'Badge à retirer à la loge.',
      alarm: 'Code 4721 au boîtier de l’entrée.',
      caretakerContact: 'M. Girard, agent d’accueil\u00a0: 06 12 34 56 78',
    };
    const route = () => `/spaces/${spaceId}/access-instructions`;

    it('records which texts changed and their lengths, never the texts themselves', async () => {
      expect((await api.as(manager).put(route(), instructions)).status).toBe(200);
      const alarm = 'Pas d’alarme pendant les vacances.';
      expect((await api.as(manager).put(route(), { ...instructions, alarm })).status).toBe(200);
      const written = await entries('space.access_instructions_replaced');
      const length = (text: string) => ({ length: text.length });
      expect(written.map(summary)).toEqual([
        {
          action: 'space.access_instructions_replaced',
          ...asManager,
          ...onSpace(),
          changes: { alarm: { before: length(instructions.alarm), after: length(alarm) } },
        },
        {
          action: 'space.access_instructions_replaced',
          ...asManager,
          ...onSpace(),
          changes: {
            keys: { before: length(''), after: length(instructions.keys) },
            alarm: { before: length(''), after: length(instructions.alarm) },
            caretakerContact: { before: length(''), after: length(instructions.caretakerContact) },
          },
        },
      ]);
      const text = JSON.stringify(written);
      for (const secret of ['4721', 'Girard', '06 12 34 56 78', 'Badge', 'vacances'])
        expect(text).not.toContain(secret);
    });

    it('records nothing for instructions refused to another collège’s manager', async () => {
      const before = await entries('space.access_instructions_replaced');
      expect((await api.as(otherManager).put(route(), instructions)).status).toBe(403);
      expect((await api.as(citizen).put(route(), instructions)).status).toBe(403);
      expect(await entries('space.access_instructions_replaced')).toEqual(before);
    });
  });

  describe('the collège’s calendar link', () => {
    const route = () => `/establishments/${establishmentId}/calendar-link`;

    it('records who renewed it, without the old or the new secret, and nothing for a refused renewal', async () => {
      const old = (await api.as(manager).get<{ path: string }>(route())).body.path;
      expect((await api.as(otherManager).post(route())).status).toBe(403);
      expect(await entries('establishment.calendar_link_rotated')).toEqual([]);
      const renewed = (await api.as(manager).post<{ path: string }>(route())).body.path;
      const written: AuditEntry[] = await entries('establishment.calendar_link_rotated');
      expect(written.map(summary)).toEqual([
        {
          action: 'establishment.calendar_link_rotated',
          ...asManager,
          objectType: 'establishment',
          objectId: establishmentId,
          establishmentId,
          organisationId: null,
          changes: {},
        },
      ]);
      const token = (path: string) => path.replace(/^.*\/(\w+)\.ics$/, '$1');
      expect(JSON.stringify(written)).not.toContain(token(old));
      expect(JSON.stringify(written)).not.toContain(token(renewed));
    });

    it('shows these entries to the collège’s manager, not to another collège’s', async () => {
      const mine = await api.as(manager).get<{ items: AuditEntry[] }>('/audit-entries?limit=200');
      expect(new Set(mine.body.items.map((entry) => entry.action))).toEqual(
        new Set([
          'establishment.created',
          // The manager became one at their first call, by the collège's SIRET.
          'manager.granted',
          'space.created',
          'space.photo_added',
          'space.photos_reordered',
          'space.photo_deleted',
          'space.access_instructions_replaced',
          'establishment.calendar_link_rotated',
        ]),
      );
      const theirs = await api.as(otherManager).get<{ items: AuditEntry[] }>('/audit-entries?limit=200');
      expect(theirs.body.items.filter((entry) => entry.establishmentId === establishmentId)).toEqual([]);
    });
  });
});
