import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { defaultSchoolCalendarDirectory } from '../domain/calendar';

/** One commune of the official list: its INSEE code, name, main postcode and centre. */
export interface Commune {
  insee: string;
  name: string;
  postalCode: string;
  latitude: number;
  longitude: number;
}

/** A département whose communes are shipped (libs/french-calendar/data/communes/README.md). */
export interface Departement {
  code: string;
  name: string;
  /** The name after « de », elided as French wants (« de l’Isère », « du Rhône »). */
  of: string;
  academie: string;
  communes: ReadonlyMap<string, Commune>;
}

/**
 * How far a place of the département may be from the nearest of its commune centres. Isère's 97 collèges are
 * within 3.3 km of one, and no commune centre is more than 12 km from its nearest neighbour, so a point of the
 * territory is rarely farther than 6 km; 8 km leaves a margin for a mountain commune's outskirts. Lyon (19.8 km),
 * Chambéry (11.9) or Romans-sur-Isère (12.0) are refused; a town just across the border cannot be (the shipped data
 * has commune centres, not outlines).
 */
export const NEAREST_COMMUNE_MAX_KM = 8;

/** The commune lists sit beside the school calendar data, which every booking bundle and image carries. */
const dataDirectory = () => path.join(defaultSchoolCalendarDirectory(), 'communes');

const readCsv = (file: string) =>
  parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];

function loadDepartement(directory: string, row: Record<string, string>): Departement {
  const code = row['departement'] ?? '';
  const communes = new Map<string, Commune>();
  for (const commune of readCsv(path.join(directory, `${code}.csv`))) {
    const insee = commune['insee_code'] ?? '';
    communes.set(insee, {
      insee,
      name: commune['name'] ?? '',
      postalCode: commune['postal_code'] ?? '',
      latitude: Number(commune['latitude']),
      longitude: Number(commune['longitude']),
    });
  }
  return {
    code,
    name: row['name'] ?? '',
    of: row['of'] ?? '',
    academie: row['academie'] ?? '',
    communes,
  };
}

let loaded: ReadonlyMap<string, Departement> | undefined;

/** The départements whose commune lists are shipped, by code, read once. */
export function shippedDepartements(): ReadonlyMap<string, Departement> {
  if (!loaded) {
    const directory = dataDirectory();
    const rows = readCsv(path.join(directory, 'departements.csv'));
    loaded = new Map(rows.map((row) => [row['departement'] ?? '', loadDepartement(directory, row)]));
  }
  return loaded;
}

/** Kilometres between two points, on a sphere: at a département's scale the error is far below a metre's worth. */
function kilometresBetween(latitude: number, longitude: number, to: Commune): number {
  const radians = Math.PI / 180;
  const meanLatitude = ((latitude + to.latitude) / 2) * radians;
  const x = (to.longitude - longitude) * radians * Math.cos(meanLatitude);
  const y = (to.latitude - latitude) * radians;
  return 6371 * Math.hypot(x, y);
}

/** Whether a point lies within `NEAREST_COMMUNE_MAX_KM` of one of the département's commune centres. */
export function nearACommuneOf(departement: Departement, latitude: number, longitude: number): boolean {
  for (const commune of departement.communes.values()) {
    if (kilometresBetween(latitude, longitude, commune) <= NEAREST_COMMUNE_MAX_KM) return true;
  }
  return false;
}
