import type { OrganisationView, RegisterCheckView, RegisterMismatchField } from '@salle/contracts';
import { registerUnavailable } from '../errors';
import { RegisterUnavailable, type RegisterSearch, type RegisteredOrganisation } from './register-search';

/** INSEE legal categories an organisation renting a room usually has; others are shown by their code. */
const LEGAL_CATEGORIES: Record<string, string> = {
  '9210': 'Association non déclarée',
  '9220': 'Association déclarée',
  '9221': 'Association déclarée d’insertion par l’économique',
  '9230': 'Association déclarée reconnue d’utilité publique',
  '9260': 'Association de droit local (Bas-Rhin, Haut-Rhin et Moselle)',
  '9300': 'Fondation',
  '7210': 'Commune et commune nouvelle',
  '7229': 'Autre collectivité territoriale',
  '7346': 'Communauté de communes',
  '5499': 'Société à responsabilité limitée (SARL)',
  '5710': 'Société par actions simplifiée (SAS)',
  '5720': 'Société par actions simplifiée à associé unique (SASU)',
};

/** NAF activities of the same organisations; others are shown by their code. */
const ACTIVITIES: Record<string, string> = {
  '93.12Z': 'Activités de clubs de sports',
  '93.19Z': 'Autres activités liées au sport',
  '94.99Z': 'Autres organisations fonctionnant par adhésion volontaire',
  '90.01Z': 'Arts du spectacle vivant',
  '85.51Z': 'Enseignement de disciplines sportives et d’activités de loisirs',
  '85.52Z': 'Enseignement culturel',
  '85.59A': 'Formation continue d’adultes',
  '84.11Z': 'Administration publique générale',
};

const labelled = (code: string, labels: Record<string, string>) =>
  code ? (labels[code] ? `${labels[code]} (${code})` : code) : 'non renseignée';

/** Compared as a person would: case, accents, punctuation and « saint »/« st » spacing do not count. */
export function sameText(a: string, b: string): boolean {
  const normal = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return normal(a) === normal(b);
}

/** The declared fields the register contradicts: shown to the admin, who decides (nothing is accepted or rejected here). */
export function registerMismatches(
  declared: Pick<OrganisationView, 'name' | 'postalCode' | 'communeName' | 'kind'>,
  registered: RegisteredOrganisation,
): RegisterMismatchField[] {
  const mismatches: RegisterMismatchField[] = [];
  if (!sameText(declared.name, registered.name)) mismatches.push('name');
  if (declared.postalCode !== registered.postalCode) mismatches.push('postalCode');
  if (!sameText(declared.communeName, registered.communeName)) mismatches.push('communeName');
  if (!registered.active) mismatches.push('active');
  if ((declared.kind === 'association') !== registered.isAssociation) mismatches.push('kind');
  return mismatches;
}

export function registerCheckView(
  declared: Pick<OrganisationView, 'name' | 'postalCode' | 'communeName' | 'kind'>,
  registered: RegisteredOrganisation | null,
  now: Date,
): RegisterCheckView {
  return {
    found: registered !== null,
    checkedAt: now.toISOString(),
    register: registered && {
      siren: registered.siren,
      rna: registered.rna,
      name: registered.name,
      address: registered.address,
      postalCode: registered.postalCode,
      communeName: registered.communeName,
      legalForm: labelled(registered.legalCategory, LEGAL_CATEGORIES),
      activity: labelled(registered.activityCode, ACTIVITIES),
      active: registered.active,
      isAssociation: registered.isAssociation,
    },
    mismatches: registered ? registerMismatches(declared, registered) : [],
  };
}

/** Asks the register about a declared organisation's number; an unanswered search is a 503 the admin can retry. */
export async function checkRegister(
  organisation: OrganisationView,
  registerSearch: RegisterSearch,
  now = new Date(),
): Promise<RegisterCheckView> {
  try {
    return registerCheckView(organisation, await registerSearch.find(organisation), now);
  } catch (error) {
    if (error instanceof RegisterUnavailable) throw registerUnavailable();
    throw error;
  }
}
