import { z } from 'zod';
import { utcInstantSchema, uuidSchema } from './common';

/** The largest photo of a space accepted, in bytes (10 Mo): phone photos are a few megabytes. */
export const SPACE_PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/** The formats accepted for a photo of a space, recognised from the file's bytes, with what people call them. */
export const SPACE_PHOTO_TYPES = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
} as const;
export type SpacePhotoType = keyof typeof SPACE_PHOTO_TYPES;

/** The widths (px) each photo is stored at, as WebP: a search result's thumbnail and a space page's picture. */
export const SPACE_PHOTO_WIDTHS = [400, 1200] as const;
export type SpacePhotoWidth = (typeof SPACE_PHOTO_WIDTHS)[number];

/**
 * Where the object store keeps one rendition of a photo, as the segments of its key (`objectKey(...segments)`):
 * under its space, or, for files several spaces' photos show (`sharedFiles`: the seed's illustrations), under
 * `shared`, a name no space id can take. The booking service and the seed both write this layout.
 */
export function spacePhotoKeySegments(
  photo: { spaceId: string; id: string; sharedFiles?: string | null },
  size: SpacePhotoWidth | `${SpacePhotoWidth}`,
): [string, string, string] {
  return photo.sharedFiles
    ? sharedSpacePhotoKeySegments(photo.sharedFiles, size)
    : ['space-photos', photo.spaceId, `${photo.id}-${size}`];
}

/** The key segments of one rendition of the files `name` that several spaces' photos show. */
export function sharedSpacePhotoKeySegments(
  name: string,
  size: SpacePhotoWidth | `${SpacePhotoWidth}`,
): [string, string, string] {
  return ['space-photos', 'shared', `${name}-${size}`];
}

/** The text read aloud in place of a photo: required, since a photo without it says nothing to a screen reader. */
export const spacePhotoAltTextSchema = z
  .string({ error: 'décrivez la photo en quelques mots (texte alternatif)' })
  .trim()
  .min(1, { error: 'décrivez la photo en quelques mots (texte alternatif)' })
  .max(300, { error: 'le texte alternatif tient en 300 caractères au plus' });

/** The most photos a space keeps: enough to show it, few enough for its page to stay light. */
export const SPACE_PHOTO_MAX_COUNT = 12;

/**
 * `POST /spaces/:id/photos`: the body is the file's bytes as they are (any Content-Type: the service
 * recognises the type from the content), its description and name are in the query.
 */
export const uploadSpacePhotoQuerySchema = z.strictObject({
  altText: spacePhotoAltTextSchema,
  /** The name of the chosen file: only checked, the stored renditions are named by their id. */
  fileName: z.string().min(1).max(200),
});
export type UploadSpacePhotoQuery = z.infer<typeof uploadSpacePhotoQuerySchema>;

export const spacePhotoViewSchema = z.strictObject({
  id: uuidSchema,
  spaceId: uuidSchema,
  altText: z.string(),
  /** Its place among the space's photos, from 0 (the one search results show). */
  position: z.number().int().nonnegative(),
  /** The size of the largest rendition, so pages reserve the room before it loads. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  uploadedAt: utcInstantSchema,
});
export type SpacePhotoView = z.infer<typeof spacePhotoViewSchema>;

export const spacePhotosViewSchema = z.strictObject({ photos: z.array(spacePhotoViewSchema) });
export type SpacePhotosView = z.infer<typeof spacePhotosViewSchema>;

/** `PUT /spaces/:id/photos/order`: every photo of the space, once each, in the new order. */
export const reorderSpacePhotosSchema = z.strictObject({
  photoIds: z.array(uuidSchema).min(1).max(SPACE_PHOTO_MAX_COUNT),
});
export type ReorderSpacePhotos = z.infer<typeof reorderSpacePhotosSchema>;

export const spacePhotoPathSchema = z.object({ id: uuidSchema, photoId: uuidSchema });

export const spacePhotoFilePathSchema = z.object({
  id: uuidSchema,
  photoId: uuidSchema,
  size: z.enum(SPACE_PHOTO_WIDTHS.map(String) as [`${SpacePhotoWidth}`, ...`${SpacePhotoWidth}`[]]),
});

/** What a search result shows of a space's first photo (its files: `GET /spaces/:id/photos/:photoId/400`). */
export const spacePhotoSummarySchema = spacePhotoViewSchema.pick({
  id: true,
  altText: true,
  width: true,
  height: true,
});
export type SpacePhotoSummary = z.infer<typeof spacePhotoSummarySchema>;
