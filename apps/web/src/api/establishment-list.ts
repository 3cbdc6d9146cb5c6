import type { EstablishmentView } from '@salle/contracts';
import type { RequestOptions } from './api-client';
import { bookingApi } from './booking-api';

/**
 * Every collège the caller may see (admins: all, whatever their status), page by page (100 a page), by name: for
 * the back office's lists and pickers, apart from `bookingApi` so that the first page does not carry it.
 */
export async function allEstablishments(options?: RequestOptions): Promise<EstablishmentView[]> {
  const all: EstablishmentView[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await bookingApi.establishments({ page, pageSize: 100 }, options);
    all.push(...answer.items);
    if (page * answer.pageSize >= answer.total || answer.items.length === 0) return all;
  }
}
