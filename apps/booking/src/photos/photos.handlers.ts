import type { DataSource } from 'typeorm';
import { reply } from '@salle/http';
import type { ObjectStore } from '@salle/storage';
import type { BookingModuleHandlers } from '../access/access-policy';
import { SpacePhotos } from './space-photos';

/** Uploads read the file's bytes themselves: the raw body is capped a little above the 10 Mo rule, so the rule's French message answers first. */
export const PHOTO_UPLOAD_BODY_LIMIT = '11mb';

/** A photo's files never change (a replaced photo has a new id): a published space's may be cached by anyone for a year. */
const PUBLISHED_CACHE = 'public, max-age=31536000, immutable';

/** Photos of spaces: list and files (anyone for a published space), upload, order and removal (its managers). */
export function photoHandlers(
  dataSource: DataSource,
  store: ObjectStore,
): BookingModuleHandlers<
  'spacePhotos' | 'uploadSpacePhoto' | 'reorderSpacePhotos' | 'deleteSpacePhoto' | 'spacePhotoFile'
> {
  const photos = new SpacePhotos(dataSource, store);
  return {
    spacePhotos: { access: 'anyone', handle: ({ params }, { access }) => photos.list(params.id, access) },
    uploadSpacePhoto: {
      access: 'anyoneRawBody',
      rawBody: { limit: PHOTO_UPLOAD_BODY_LIMIT },
      handle: ({ params, query, body }, { access }) =>
        photos.upload(params.id, query, new Uint8Array(body as Buffer), access),
    },
    reorderSpacePhotos: {
      access: 'anyone',
      handle: ({ params, body }, { access }) => photos.reorder(params.id, body.photoIds, access),
    },
    deleteSpacePhoto: {
      access: 'anyone',
      handle: ({ params }, { access }) => photos.remove(params.id, params.photoId, access),
    },
    spacePhotoFile: {
      access: 'anyone',
      handle: async ({ params }, { access }) => {
        const file = await photos.file(params.id, params.photoId, params.size, access);
        return reply(Buffer.from(file.bytes), {
          headers: {
            'content-type': 'image/webp',
            'x-content-type-options': 'nosniff',
            'cache-control': file.published ? PUBLISHED_CACHE : 'private, no-store',
          },
        });
      },
    },
  };
}
