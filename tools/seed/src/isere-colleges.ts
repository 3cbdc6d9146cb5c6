import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DATA_DIRECTORY } from './calendar';
import type { CollegeSource } from './catalogue';

/** The 97 public collèges of Isère from data/isere-colleges.csv (real UAI, name, commune, INSEE code, point; zone A). */
export function isereColleges(): CollegeSource[] {
  const rows = parse(readFileSync(path.join(DATA_DIRECTORY, 'isere-colleges.csv'), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return rows.map((row) => ({
    uai: row['uai'] as string,
    name: row['name'] as string,
    commune: row['commune'] as string,
    inseeCode: row['insee_code'] as string,
    postalCode: row['postal_code'] as string,
    latitude: Number(row['latitude']),
    longitude: Number(row['longitude']),
    zone: 'A',
  }));
}
