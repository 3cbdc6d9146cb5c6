import { createHash } from 'node:crypto';
import { SPACE_PHOTO_WIDTHS, sharedSpacePhotoKeySegments, type SpacePhotoWidth } from '@salle/contracts';
import { objectKey, webpRenditions, type ObjectStore, type WebpRendition } from '@salle/storage';
import type { Prng } from './prng';
import type { SpaceKind, SpacePhotoRow, SpaceRow } from './seed-model';
import { ILLUSTRATION_HEIGHT, ILLUSTRATION_WIDTH, illustrationSvg, SPACE_ILLUSTRATIONS } from './space-illustrations';

/**
 * The name of the files every space of `kind` shows. It ends with a digest of the drawing, so that a changed
 * drawing gets new files instead of replacing those a database seeded before still names.
 */
export function illustrationFilesName(kind: SpaceKind): string {
  const digest = createHash('sha256').update(illustrationSvg(kind)).digest('hex').slice(0, 12);
  return `illustration-${kind}-${digest}`;
}

/**
 * One illustration per space, first in its order, as a manager would upload it (no uploader: the seed is not an
 * account). Spaces of one kind share the drawing's files (`shared_files`): the booking service leaves shared files
 * in place when one space's photo is removed. Its size is the drawing's, which the largest rendition keeps.
 */
export function illustrationRows(spaces: readonly SpaceRow[], prng: Prng): SpacePhotoRow[] {
  const names = new Map<SpaceKind, string>();
  return spaces.map((space) => {
    if (!names.has(space.kind)) names.set(space.kind, illustrationFilesName(space.kind));
    return {
      id: prng.uuid(),
      space_id: space.id,
      position: 0,
      alt_text: SPACE_ILLUSTRATIONS[space.kind].altText,
      width: ILLUSTRATION_WIDTH,
      height: ILLUSTRATION_HEIGHT,
      uploaded_by: null,
      uploaded_at: space.created_at,
      shared_files: names.get(space.kind) as string,
    };
  });
}

/** Each drawing rendered once, through the photo pipeline's own resize and encoding (WebP at each width). */
export async function renderIllustration(kind: SpaceKind): Promise<WebpRendition<SpacePhotoWidth>[]> {
  const svg = new TextEncoder().encode(illustrationSvg(kind));
  const renditions = await webpRenditions(svg, SPACE_PHOTO_WIDTHS, ILLUSTRATION_WIDTH * ILLUSTRATION_HEIGHT);
  const largest = renditions.at(-1);
  if (largest?.width !== ILLUSTRATION_WIDTH || largest.height !== ILLUSTRATION_HEIGHT) {
    throw new Error(`the ${kind} illustration was not rendered at ${ILLUSTRATION_WIDTH}×${ILLUSTRATION_HEIGHT}`);
  }
  return renditions;
}

/**
 * Writes the files the photos name, where the booking service reads them: each drawing once per size, whatever
 * the number of spaces (two files per kind of space, not per space: see the README for the measurements).
 */
export async function storeIllustrations(
  store: ObjectStore,
  spaces: readonly SpaceRow[],
  photos: readonly SpacePhotoRow[],
  log: (line: string) => void,
): Promise<void> {
  const started = Date.now();
  const kindOf = new Map(spaces.map((space) => [space.id, space.kind]));
  const shared = new Map<string, SpaceKind>();
  for (const photo of photos) {
    if (photo.shared_files) shared.set(photo.shared_files, kindOf.get(photo.space_id) as SpaceKind);
  }
  let files = 0;
  let bytes = 0;
  for (const [name, kind] of shared) {
    for (const rendition of await renderIllustration(kind)) {
      const key = objectKey(...sharedSpacePhotoKeySegments(name, rendition.size));
      await store.put(key, rendition.bytes, 'image/webp');
      files += 1;
      bytes += rendition.bytes.length;
    }
  }
  log(
    `space photos: ${photos.length.toLocaleString('en')} illustrations sharing ${files} files ` +
      `(${(bytes / 1000).toFixed(0)} kB, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

/**
 * Starts `storeIllustrations` at once, so that the drawings are rendered and written while the rows are
 * copied; the returned function waits for it (and throws its failure), before the commit.
 */
export function storeIllustrationsMeanwhile(
  store: ObjectStore,
  spaces: readonly SpaceRow[],
  photos: readonly SpacePhotoRow[],
  log: (line: string) => void,
): () => Promise<void> {
  const pending = storeIllustrations(store, spaces, photos, log);
  // Not a swallowed error: the caller awaits `pending` itself; this only keeps an early failure of the rows
  // (which ends the seed before that) from also being reported as an unhandled rejection.
  pending.catch(() => undefined);
  return () => pending;
}
