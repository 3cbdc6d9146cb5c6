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

/** Rectangle holding every commune centre of a département, widened by `BOUNDS_MARGIN_DEGREES`. */
export interface Bounds {
  minLatitude: number;
  maxLatitude: number;
  minLongitude: number;
  maxLongitude: number;
}

/** A département whose communes are shipped (libs/french-calendar/data/communes/README.md). */
export interface Departement {
  code: string;
  name: string;
  /** The name after « de », elided as French wants (« de l’Isère », « du Rhône »). */
  of: string;
  academie: string;
  communes: ReadonlyMap<string, Commune>;
  bounds: Bounds;
}

/**
 * Commune centres stop short of the border: about 0.1° (some 8 to 11 km)
 * covers a collège near the edge of a border commune.
 */
export const BOUNDS_MARGIN_DEGREES = 0.1;

/** The commune lists sit beside the school calendar data, which every booking bundle and image carries. */
const dataDirectory = () => path.join(defaultSchoolCalendarDirectory(), 'communes');

const readCsv = (file: string) =>
  parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];

function boundsOf(communes: Iterable<Commune>): Bounds {
  const list = [...communes];
  const latitudes = list.map((commune) => commune.latitude);
  const longitudes = list.map((commune) => commune.longitude);
  return {
    minLatitude: Math.min(...latitudes) - BOUNDS_MARGIN_DEGREES,
    maxLatitude: Math.max(...latitudes) + BOUNDS_MARGIN_DEGREES,
    minLongitude: Math.min(...longitudes) - BOUNDS_MARGIN_DEGREES,
    maxLongitude: Math.max(...longitudes) + BOUNDS_MARGIN_DEGREES,
  };
}

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
    bounds: boundsOf(communes.values()),
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

export const withinBounds = (bounds: Bounds, latitude: number, longitude: number) =>
  latitude >= bounds.minLatitude &&
  latitude <= bounds.maxLatitude &&
  longitude >= bounds.minLongitude &&
  longitude <= bounds.maxLongitude;
