import type { SchoolZone } from './school-calendar-parser';

/** Académies that publications still name although they merged into Normandie in 2020. */
const FORMER_ACADEMIES: Record<string, string> = { caen: 'normandie', rouen: 'normandie' };

function key(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/^academie (de |d'\s*)?/, '')
    .replace(/[\s'’-]+/g, ' ')
    .trim();
}

/**
 * Looks up the holiday zone of an académie by name, ignoring case, accents
 * and an "Académie de" prefix; Caen and Rouen map to Normandie. Returns null
 * for Corse and the overseas académies, which have their own calendars.
 */
export function zoneOfAcademie(zones: ReadonlyMap<string, SchoolZone>, name: string): SchoolZone | null {
  const wanted = FORMER_ACADEMIES[key(name)] ?? key(name);
  for (const [academie, zone] of zones) if (key(academie) === wanted) return zone;
  return null;
}
