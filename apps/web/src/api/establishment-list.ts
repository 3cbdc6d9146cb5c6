import type { EstablishmentView } from '@salle/contracts';
import type { RequestOptions } from './api-client';
import { bookingApi } from './booking-api';
import { readAllPages } from './all-pages';

/**
 * Every collège the caller may see (admins: all, whatever their status), page by page (100 a page), by name: for
 * the back office's lists and pickers, apart from `bookingApi` so that the first page does not carry it.
 */
export function allEstablishments(options?: RequestOptions): Promise<EstablishmentView[]> {
  return readAllPages((page, pageSize) => bookingApi.establishments({ page, pageSize }, options));
}
