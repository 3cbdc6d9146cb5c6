import type { Page } from '@salle/contracts';

/** The largest page the booking service serves (`bookingQuerySchema`, and its other lists). */
export const LARGEST_PAGE_SIZE = 100;

/**
 * Every page of a list until its `total`: the first one tells how many
 * there are, the others are read together. An item seen on two pages
 * (the list moved between two reads) is kept once. For the lists a screen
 * must show whole: a work queue, a series with all its sessions.
 */
export async function readAllPages<T extends { id: string }>(
  readPage: (page: number, pageSize: number) => Promise<Page<T>>,
  pageSize = LARGEST_PAGE_SIZE,
): Promise<T[]> {
  const first = await readPage(1, pageSize);
  // Counted in the page size the service served, which may be smaller than the one asked for.
  const pages = Math.ceil(first.total / (first.pageSize > 0 ? first.pageSize : pageSize));
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_, index) => readPage(index + 2, pageSize)),
  );
  const byId = new Map<string, T>();
  for (const item of [first, ...rest].flatMap((page) => page.items)) byId.set(item.id, item);
  return [...byId.values()];
}
