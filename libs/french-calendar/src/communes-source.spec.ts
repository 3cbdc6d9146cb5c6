import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import communes from '@etalab/decoupage-administratif/data/communes.json';

/**
 * The shipped commune lists are INSEE's Code officiel géographique, millésime 2026, as published by Etalab's
 * `@etalab/decoupage-administratif` 6.0.0 (a dev dependency pinned to that millésime): every INSEE code, name,
 * postcode and population matches, and no current commune is missing. The seed's collèges name their communes
 * as the COG does, so the search page's commune list (built from the collèges) carries the same names.
 */
interface CogCommune {
  code: string;
  nom: string;
  departement?: string;
  type: string;
  codesPostaux?: string[];
  population?: number;
}

const data = join(__dirname, '..', 'data', 'communes');
const cog = (communes as CogCommune[]).filter((commune) => commune.type === 'commune-actuelle');

function csv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = (header ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, index) => [names[index] ?? '', value])));
}

describe.each(csv(join(data, 'departements.csv')).map((row) => row['departement'] ?? ''))(
  'communes of département %s',
  (departement) => {
    const shipped = csv(join(data, `${departement}.csv`));
    const official = cog.filter((commune) => commune.departement === departement);

    it('lists exactly the current communes of the COG 2026', () => {
      expect(shipped.map((row) => row['insee_code']).sort()).toEqual(official.map((commune) => commune.code).sort());
    });

    it('names each commune, its postcode and its population as the COG 2026 does', () => {
      const byCode = new Map(official.map((commune) => [commune.code, commune]));
      const differences = shipped.filter((row) => {
        const commune = byCode.get(row['insee_code'] ?? '');
        return (
          commune?.nom !== row['name'] ||
          !commune.codesPostaux?.includes(row['postal_code'] ?? '') ||
          String(commune.population) !== row['population']
        );
      });
      expect(differences).toEqual([]);
    });
  },
);

describe('the seed collèges', () => {
  it('name their communes as the COG 2026 does, so the search page lists official names', () => {
    const byCode = new Map(cog.map((commune) => [commune.code, commune.nom]));
    const seed = csv(join(__dirname, '..', '..', '..', 'tools', 'seed', 'data', 'isere-colleges.csv'));
    const wrong = seed.filter((row) => byCode.get(row['insee_code'] ?? '') !== row['commune']);
    expect(wrong.map((row) => `${row['insee_code']} ${row['commune']}`)).toEqual([]);
  });
});
