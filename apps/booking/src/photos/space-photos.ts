import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  SPACE_PHOTO_MAX_COUNT,
  SPACE_PHOTO_WIDTHS,
  spacePhotoKeySegments,
  type SpacePhotoView,
  type SpacePhotosView,
  type SpacePhotoWidth,
  type UploadSpacePhotoQuery,
} from '@salle/contracts';
import { objectKey, type ObjectStore } from '@salle/storage';
import type { Access } from '../access/access';
import { EstablishmentEntity, SpaceEntity, SpacePhotoEntity } from '../database/entities';
import {
  fileRefused,
  photoTooLarge,
  photoUnreadable,
  spaceNotFound,
  spacePhotoNotFound,
  spacePhotoOrderInvalid,
  tooManySpacePhotos,
} from '../errors';
import { putUpload } from '../documents/scanned-store';
import { recordBookingAudit, staffActor } from '../audit/audit-journal';
import { checkPhotoFile, type PhotoRefusal } from './photo-file';

function refusalError(refusal: PhotoRefusal) {
  switch (refusal.code) {
    case 'file_unreadable':
      return photoUnreadable(refusal.kind);
    case 'image_too_large':
      return photoTooLarge(refusal.maxMegapixels);
    default:
      return fileRefused(refusal);
  }
}

function toView(entity: SpacePhotoEntity): SpacePhotoView {
  const { id, spaceId, altText, position, width, height } = entity;
  return { id, spaceId, altText, position, width, height, uploadedAt: entity.uploadedAt.toISOString() };
}

/** Where one rendition of a photo is kept: its own files, or those it shares with other spaces' photos. */
function renditionKey(
  photo: Parameters<typeof spacePhotoKeySegments>[0],
  size: SpacePhotoWidth | `${SpacePhotoWidth}`,
): string {
  return objectKey(...spacePhotoKeySegments(photo, size));
}

/** The audit log's record of a change of a space's photos: the ids in their order, before and after. */
function recordPhotos(
  manager: EntityManager,
  access: Access,
  space: SpaceEntity,
  action: 'space.photo_added' | 'space.photos_reordered' | 'space.photo_deleted',
  photos: { before: readonly SpacePhotoEntity[]; after: readonly SpacePhotoEntity[] },
  altText?: { before: string | null; after: string | null },
): Promise<void> {
  const ids = (list: readonly SpacePhotoEntity[]) => [...list].sort((a, b) => a.position - b.position).map((p) => p.id);
  return recordBookingAudit(manager, {
    actor: staffActor(access),
    action,
    object: { type: 'space', id: space.id },
    establishmentId: space.establishmentId,
    changes: { photos: { before: ids(photos.before), after: ids(photos.after) }, ...(altText ? { altText } : {}) },
  });
}

/** Who may see a space's photos: anyone once the space is published, its managers (and admins) always. */
interface SeenSpace {
  space: SpaceEntity;
  published: boolean;
}

/**
 * Photos of spaces: their managers add, order and remove them; the files (WebP at each width the pages use)
 * are in the object store and served only through `file`, which hides an unpublished space's photos (404, as
 * for a space that does not exist) from anyone but its managers.
 */
export class SpacePhotos {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ObjectStore,
  ) {}

  async list(spaceId: string, access: Access): Promise<SpacePhotosView> {
    await this.seen(spaceId, access);
    return { photos: (await this.ordered(this.dataSource.manager, spaceId)).map(toView) };
  }

  /** The file is checked and its renditions written before the row; a failed transaction removes them again. */
  async upload(
    spaceId: string,
    details: UploadSpacePhotoQuery,
    bytes: Uint8Array,
    access: Access,
  ): Promise<SpacePhotoView> {
    const caller = access.requireCaller();
    const space = await this.dataSource.getRepository(SpaceEntity).findOneBy({ id: spaceId });
    if (!space) throw spaceNotFound();
    access.requireManagerOf(space.establishmentId);
    const file = await checkPhotoFile(bytes, details.fileName);
    if (!file.ok) throw refusalError(file.refusal);
    const id = randomUUID();
    for (const rendition of file.renditions) {
      await putUpload(this.store, renditionKey({ spaceId, id }, rendition.size), rendition.bytes, 'image/webp');
    }
    const largest = file.renditions.reduce((a, b) => (b.width > a.width ? b : a));
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.findOne(SpaceEntity, { where: { id: spaceId }, lock: { mode: 'pessimistic_write' } });
        const before = await this.ordered(manager, spaceId);
        const count = before.length;
        if (count >= SPACE_PHOTO_MAX_COUNT) throw tooManySpacePhotos(SPACE_PHOTO_MAX_COUNT);
        const photo = manager.create(SpacePhotoEntity, {
          id,
          spaceId,
          position: count,
          altText: details.altText,
          width: largest.width,
          height: largest.height,
          uploadedBy: caller.accountId,
          uploadedAt: new Date(),
          sharedFiles: null,
        });
        const saved = await manager.save(photo);
        const after = [...before, saved];
        await recordPhotos(
          manager,
          access,
          space,
          'space.photo_added',
          { before, after },
          {
            before: null,
            after: saved.altText,
          },
        );
        return toView(saved);
      });
    } catch (error) {
      await this.removeFiles(spaceId, id);
      throw error;
    }
  }

  async reorder(spaceId: string, photoIds: string[], access: Access): Promise<SpacePhotosView> {
    access.requireCaller();
    return this.dataSource.transaction(async (manager) => {
      const space = await manager.findOne(SpaceEntity, { where: { id: spaceId }, lock: { mode: 'pessimistic_write' } });
      if (!space) throw spaceNotFound();
      access.requireManagerOf(space.establishmentId);
      const photos = await this.ordered(manager, spaceId);
      const known = new Set(photos.map((photo) => photo.id));
      if (photoIds.length !== known.size || new Set(photoIds).size !== photoIds.length) throw spacePhotoOrderInvalid();
      if (!photoIds.every((photoId) => known.has(photoId))) throw spacePhotoOrderInvalid();
      const before = photos.map((photo) => ({ ...photo }));
      for (const photo of photos) photo.position = photoIds.indexOf(photo.id);
      await manager.save(photos);
      await recordPhotos(manager, access, space, 'space.photos_reordered', { before, after: photos });
      return { photos: photos.sort((a, b) => a.position - b.position).map(toView) };
    });
  }

  /**
   * Removes the row (closing the gap in the order) in one transaction, then the files, unless other spaces'
   * photos show them too (the seed's illustrations): those stay.
   */
  async remove(spaceId: string, photoId: string, access: Access): Promise<void> {
    access.requireCaller();
    const removed = await this.dataSource.transaction(async (manager) => {
      const space = await manager.findOne(SpaceEntity, { where: { id: spaceId }, lock: { mode: 'pessimistic_write' } });
      if (!space) throw spaceNotFound();
      access.requireManagerOf(space.establishmentId);
      const photos = await this.ordered(manager, spaceId);
      const removed = photos.find((photo) => photo.id === photoId);
      if (!removed) throw spacePhotoNotFound();
      await manager.delete(SpacePhotoEntity, { id: photoId });
      const kept = photos.filter((photo) => photo !== removed);
      const before = photos.map((photo) => ({ ...photo }));
      kept.forEach((photo, position) => (photo.position = position));
      await manager.save(kept);
      await recordPhotos(
        manager,
        access,
        space,
        'space.photo_deleted',
        { before, after: kept },
        {
          before: removed.altText,
          after: null,
        },
      );
      return removed;
    });
    if (!removed.sharedFiles) await this.removeFiles(spaceId, photoId);
  }

  /** One rendition's bytes, and whether the space is published (the handler picks the cache headers from it). */
  async file(spaceId: string, photoId: string, size: `${SpacePhotoWidth}`, access: Access) {
    const { published } = await this.seen(spaceId, access);
    const photo = await this.dataSource.getRepository(SpacePhotoEntity).findOneBy({ id: photoId, spaceId });
    if (!photo) throw spacePhotoNotFound();
    const stored = await this.store.get(renditionKey(photo, size));
    if (!stored) throw spacePhotoNotFound();
    return { bytes: stored.body, published };
  }

  private async seen(spaceId: string, access: Access): Promise<SeenSpace> {
    const space = await this.dataSource.getRepository(SpaceEntity).findOneBy({ id: spaceId });
    if (!space) throw spaceNotFound();
    const establishment = await this.dataSource.getRepository(EstablishmentEntity).findOneBy({
      id: space.establishmentId,
    });
    const published = space.active && establishment?.status === 'active';
    if (!published && !access.managesEstablishment(space.establishmentId)) throw spaceNotFound();
    return { space, published };
  }

  private ordered(manager: EntityManager, spaceId: string): Promise<SpacePhotoEntity[]> {
    return manager.find(SpacePhotoEntity, { where: { spaceId }, order: { position: 'ASC', uploadedAt: 'ASC' } });
  }

  private async removeFiles(spaceId: string, photoId: string): Promise<void> {
    for (const size of SPACE_PHOTO_WIDTHS) await this.store.delete(renditionKey({ spaceId, id: photoId }, size));
  }
}
