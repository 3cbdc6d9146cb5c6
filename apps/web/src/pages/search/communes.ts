import type { EstablishmentView } from '@salle/contracts';
import { bookingApi } from '../../api/booking-api';
import { readAllPages } from '../../api/all-pages';
import type { CommuneOption } from './search-form-state';

let cached: Promise<CommuneOption[]> | null = null;

/** Communes that have at least one open collège, from the public establishment list (loaded once per visit). */
export function loadCommunes(): Promise<CommuneOption[]> {
  cached ??= (async () => {
    const establishments = await readAllPages((page, pageSize) =>
      bookingApi.establishments({ status: 'active', page, pageSize }),
    );
    return communesOf(establishments);
  })().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

/** One option per commune, at the mean position of its collèges, sorted as a French reader expects. */
export function communesOf(
  establishments: readonly Pick<EstablishmentView, 'communeInsee' | 'communeName' | 'latitude' | 'longitude'>[],
): CommuneOption[] {
  const byInsee = new Map<string, { name: string; lat: number; lng: number; count: number }>();
  for (const item of establishments) {
    const entry = byInsee.get(item.communeInsee) ?? { name: item.communeName, lat: 0, lng: 0, count: 0 };
    entry.lat += item.latitude;
    entry.lng += item.longitude;
    entry.count += 1;
    byInsee.set(item.communeInsee, entry);
  }
  return [...byInsee.entries()]
    .map(([insee, entry]) => ({
      insee,
      name: entry.name,
      latitude: entry.lat / entry.count,
      longitude: entry.lng / entry.count,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
