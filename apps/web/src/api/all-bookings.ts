import type { BookingView, Page } from '@salle/contracts';
import type { RequestOptions } from './api-client';
import { bookingApi } from './booking-api';

/** The largest page the service serves (`bookingQuerySchema`). */
export const BOOKINGS_PAGE_SIZE = 100;

type BookingFilter = Omit<Parameters<typeof bookingApi.bookings>[0], 'page' | 'pageSize'>;

/**
 * Every page of a list until its `total`: the first one tells how many
 * there are, the others are read together. A booking seen on two pages
 * (the list moved between two reads) is kept once.
 */
export async function readAllPages<T extends { id: string }>(
  readPage: (page: number, pageSize: number) => Promise<Page<T>>,
  pageSize = BOOKINGS_PAGE_SIZE,
): Promise<T[]> {
  const first = await readPage(1, pageSize);
  const pages = Math.ceil(first.total / pageSize);
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_, index) => readPage(index + 2, pageSize)),
  );
  const byId = new Map<string, T>();
  for (const item of [first, ...rest].flatMap((page) => page.items)) byId.set(item.id, item);
  return [...byId.values()];
}

/**
 * Every booking matching a filter, so that a list never loses the ones past
 * the first hundred nor shows a series with only part of its sessions.
 */
export function allBookings(filter: BookingFilter, options?: RequestOptions): Promise<BookingView[]> {
  return readAllPages((page, pageSize) => bookingApi.bookings({ ...filter, page, pageSize }, options));
}
