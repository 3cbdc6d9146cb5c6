import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { nearACommuneOf, NEAREST_COMMUNE_MAX_KM, shippedDepartements } from './territory';

const isere = () => {
  const departement = shippedDepartements().get('38');
  if (!departement) throw new Error('Isère is shipped');
  return departement;
};

describe('a point of the département', () => {
  it('takes every collège of the Isère open data (the seed’s file)', () => {
    const file = path.join(__dirname, '..', '..', '..', '..', 'tools', 'seed', 'data', 'isere-colleges.csv');
    const colleges = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(colleges.length).toBeGreaterThan(90);
    const outside = colleges.filter(
      (college) => !nearACommuneOf(isere(), Number(college['latitude']), Number(college['longitude'])),
    );
    expect(outside).toEqual([]);
  });

  it.each([
    ['Lyon', 45.7578, 4.832],
    ['Chambéry', 45.5646, 5.9178],
    ['Romans-sur-Isère', 45.043, 5.051],
    ['Gap', 44.559, 6.079],
    ['Paris', 48.8566, 2.3522],
  ])('refuses %s, farther than the limit from every commune centre of Isère', (_name, latitude, longitude) => {
    expect(nearACommuneOf(isere(), latitude, longitude)).toBe(false);
  });

  it('takes a point up to the limit from a commune centre, and no farther', () => {
    const grenoble = isere().communes.get('38185');
    if (!grenoble) throw new Error('Grenoble is listed');
    // Due north of Grenoble's centre: one degree of latitude is about 111.2 km.
    const north = (km: number) => grenoble.latitude + km / 111.195;
    expect(nearACommuneOf(isere(), north(1), grenoble.longitude)).toBe(true);
    const alone = { ...isere(), communes: new Map([[grenoble.insee, grenoble]]) };
    expect(nearACommuneOf(alone, north(NEAREST_COMMUNE_MAX_KM - 0.05), grenoble.longitude)).toBe(true);
    expect(nearACommuneOf(alone, north(NEAREST_COMMUNE_MAX_KM + 0.05), grenoble.longitude)).toBe(false);
  });
});
