import { z } from 'zod';

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

/** The text read aloud in place of a photo: required, since a photo without it says nothing to a screen reader. */
export const spacePhotoAltTextSchema = z
  .string({ error: 'décrivez la photo en quelques mots (texte alternatif)' })
  .trim()
  .min(1, { error: 'décrivez la photo en quelques mots (texte alternatif)' })
  .max(300, { error: 'le texte alternatif tient en 300 caractères au plus' });
