import sharp from 'sharp';

/** One stored size of an image: WebP bytes written by us, never the file we were given. */
export interface WebpRendition<Size extends number = number> {
  /** The width it was made for; `width` is smaller when the original was narrower. */
  size: Size;
  width: number;
  height: number;
  bytes: Uint8Array;
}

/**
 * The image at each of `sizes` (widths in px) as WebP: turned upright, never enlarged, without the original's
 * metadata (a phone photo's EXIF can hold where it was taken). Decoding stops at `limitInputPixels` and at the
 * first error, so a truncated or oversized file throws instead of giving a half-drawn picture. Uploaded photos
 * and the seed's illustrations go through this same function, so both are stored alike.
 */
export async function webpRenditions<Size extends number>(
  bytes: Uint8Array,
  sizes: readonly Size[],
  limitInputPixels: number,
): Promise<WebpRendition<Size>[]> {
  const renditions: WebpRendition<Size>[] = [];
  for (const size of sizes) {
    const { data, info } = await sharp(bytes, { limitInputPixels, failOn: 'error' })
      .rotate()
      .resize({ width: size, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    renditions.push({ size, width: info.width, height: info.height, bytes: new Uint8Array(data) });
  }
  return renditions;
}
