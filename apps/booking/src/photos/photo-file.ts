import sharp from 'sharp';
import { SPACE_PHOTO_MAX_BYTES, SPACE_PHOTO_TYPES, SPACE_PHOTO_WIDTHS, type SpacePhotoWidth } from '@salle/contracts';
import { checkUpload, webpRenditions, type UploadRefusalCode, type WebpRendition } from '@salle/storage';
import { MAX_IMAGE_MEGAPIXELS } from '../documents/certificate-file';

export type PhotoRefusal =
  | { code: UploadRefusalCode; message: string }
  | { code: 'file_unreadable'; kind: string }
  | { code: 'image_too_large'; maxMegapixels: number };

/** One stored size of a photo: WebP bytes we wrote, never the uploaded file itself. */
export type PhotoRendition = WebpRendition<SpacePhotoWidth>;

export type CheckedPhoto = { ok: true; renditions: PhotoRendition[] } | { ok: false; refusal: PhotoRefusal };

/**
 * Opens an uploaded photo of a space before anything is stored: the type comes from the bytes, the image is
 * decoded within a pixel budget, turned upright, and written again as WebP at each width the pages use
 * (never enlarged), without the original's metadata (a phone photo's EXIF can hold where it was taken).
 */
export async function checkPhotoFile(bytes: Uint8Array, fileName: string): Promise<CheckedPhoto> {
  const upload = await checkUpload(bytes, fileName, {
    maxBytes: SPACE_PHOTO_MAX_BYTES,
    allowedTypes: SPACE_PHOTO_TYPES,
  });
  if (!upload.ok) return { ok: false, refusal: { code: upload.code, message: upload.message } };
  const kind = SPACE_PHOTO_TYPES[upload.contentType as keyof typeof SPACE_PHOTO_TYPES];
  const limitInputPixels = MAX_IMAGE_MEGAPIXELS * 1_000_000;
  try {
    const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
    if ((metadata.width ?? 0) * (metadata.height ?? 0) > limitInputPixels) {
      return { ok: false, refusal: { code: 'image_too_large', maxMegapixels: MAX_IMAGE_MEGAPIXELS } };
    }
    return { ok: true, renditions: await webpRenditions(bytes, SPACE_PHOTO_WIDTHS, limitInputPixels) };
  } catch {
    return { ok: false, refusal: { code: 'file_unreadable', kind } };
  }
}
