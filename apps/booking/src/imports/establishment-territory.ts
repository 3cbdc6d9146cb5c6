import type { CsvLineError } from '@salle/contracts';
import { departementOfCommune } from '@salle/french-identifiers';
import { loadSchoolCalendar, zoneOfAcademie, type SchoolZone } from '../domain/calendar';
import type { EstablishmentLine } from './establishment-csv';
import { nearACommuneOf, shippedDepartements, type Departement } from './territory';

let zones: ReadonlyMap<string, SchoolZone> | undefined;
const zonesByAcademie = () => (zones ??= loadSchoolCalendar().zonesByAcademie);

const quoted = (value: string) => `«\u00a0${value}\u00a0»`;

/**
 * Checks that an establishments-file line describes a place of a shipped
 * département: a real commune (a postcode typed instead is named as such),
 * a UAI of that département, its académie's holiday zone, coordinates
 * near one of its commune centres. Pushes one error per wrong cell.
 */
export function territoryErrors(line: EstablishmentLine): CsvLineError[] {
  const departements = shippedDepartements();
  const departement = departements.get(departementOfCommune(line.communeInsee) ?? '');
  const error = (field: string, message: string): CsvLineError => ({ line: line.line, field, message });
  if (!departement?.communes.has(line.communeInsee)) {
    return [error('code_insee', unknownCommuneMessage(line.communeInsee, departement, departements))];
  }
  const errors: CsvLineError[] = [];
  const uaiPrefix = `0${departement.code}`;
  if (!line.uai.startsWith(uaiPrefix)) {
    errors.push(error('uai', `un code UAI ${departement.of} commence par ${uaiPrefix}, reçu ${quoted(line.uai)}`));
  }
  const zone = zoneOfAcademie(zonesByAcademie(), departement.academie);
  if (zone !== null && zone !== line.schoolZone) {
    errors.push(
      error('zone', `l’académie de ${departement.academie} est en zone ${zone}, reçu ${quoted(line.schoolZone)}`),
    );
  }
  if (!nearACommuneOf(departement, line.latitude, line.longitude)) {
    errors.push(
      error(
        'latitude',
        `les coordonnées (${line.latitude}, ${line.longitude}) sont hors ${departement.of}\u00a0: vérifiez la latitude, la longitude et leur ordre`,
      ),
    );
  }
  return errors;
}

function unknownCommuneMessage(
  insee: string,
  departement: Departement | undefined,
  departements: ReadonlyMap<string, Departement>,
): string {
  const sharing = [...departements.values()].flatMap((each) =>
    [...each.communes.values()].filter((commune) => commune.postalCode === insee),
  );
  if (sharing.length > 0) {
    const suggestions = sharing.map((commune) => `${commune.name} (${commune.insee})`).join(', ');
    return `${quoted(insee)} est un code postal, pas un code INSEE\u00a0: code INSEE de la commune, par exemple ${suggestions}`;
  }
  if (!departement) {
    const covered = [...departements.values()].map((each) => `${each.name} (${each.code})`).join(', ');
    return `le code INSEE ${quoted(insee)} n’est pas une commune des départements couverts\u00a0: ${covered}`;
  }
  return `aucune commune ${departement.of} n’a le code INSEE ${quoted(insee)}`;
}
