import type { DataSource } from 'typeorm';
import type { BookingModuleHandlers } from '../access/access-policy';
import { FreeSlotSearch } from './free-slot-search';

/** The free-slot search: public, visitors included. */
export function searchHandlers(dataSource: DataSource): BookingModuleHandlers<'search'> {
  const search = new FreeSlotSearch(dataSource);
  return { search: { access: 'public', handle: ({ query }) => search.search(query) } };
}
