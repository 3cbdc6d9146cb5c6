import type { BookingView } from '@salle/contracts';
import type { RequestOptions } from './api-client';
import { bookingApi } from './booking-api';
import { readAllPages } from './all-pages';

type BookingFilter = Omit<Parameters<typeof bookingApi.bookings>[0], 'page' | 'pageSize'>;

/**
 * Every booking matching a filter, so that a list never loses the ones past
 * the first hundred nor shows a series with only part of its sessions.
 */
export function allBookings(filter: BookingFilter, options?: RequestOptions): Promise<BookingView[]> {
  return readAllPages((page, pageSize) => bookingApi.bookings({ ...filter, page, pageSize }, options));
}
