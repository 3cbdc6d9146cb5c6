import type { SearchResultItem } from '@salle/contracts';
import { resultAnchor } from './result-anchor';

/** One collège on the map: where it is, how many free slots its spaces offer, and its first result in the list. */
export interface CollegeMarker {
  establishmentId: string;
  name: string;
  communeName: string;
  latitude: number;
  longitude: number;
  freeSlots: number;
  /** The list's anchor of the collège's first space: the map points to the list, which says everything. */
  firstResultId: string;
}

/** One marker per collège of the results, in the list's order, with the free slots of all its spaces. */
export function collegeMarkers(items: readonly SearchResultItem[]): CollegeMarker[] {
  const byCollege = new Map<string, CollegeMarker>();
  for (const { establishment, space, slots } of items) {
    const known = byCollege.get(establishment.id);
    if (known) {
      known.freeSlots += slots.length;
      continue;
    }
    byCollege.set(establishment.id, {
      establishmentId: establishment.id,
      name: establishment.name,
      communeName: establishment.communeName,
      latitude: establishment.latitude,
      longitude: establishment.longitude,
      freeSlots: slots.length,
      firstResultId: resultAnchor(space.id),
    });
  }
  return [...byCollege.values()];
}

/** « Collège Flavius Vaussenat, Allevard : 3 créneaux libres », the marker's accessible name. */
export function markerLabel(marker: CollegeMarker): string {
  const slots = `${marker.freeSlots} créneau${marker.freeSlots > 1 ? 'x' : ''} libre${marker.freeSlots > 1 ? 's' : ''}`;
  return `${marker.name}, ${marker.communeName}\u00a0: ${slots}`;
}
