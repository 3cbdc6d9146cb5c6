import type { LoginRefusal, SandboxIdentity } from './sandbox-identity';

/** Userinfo claims as FranceConnect v2 (fcp-low) formats them; see docs/federations.md. */
export type FranceConnectClaims = {
  given_name?: string;
  given_name_array?: readonly string[];
  family_name?: string;
  /** The usage name (nom d'usage), when there is one. */
  preferred_username?: string;
  /** `YYYY-MM-DD`, presumed parts completed with `01`. */
  birthdate?: string;
  /** The raw value from the identity provider, which may contain `00`. */
  idp_birthdate?: string;
  gender?: string;
  /** INSEE COG commune code; empty when born abroad. */
  birthplace?: string;
  /** INSEE country code `99xxx`; 99100 is France. */
  birthcountry?: string;
  email?: string;
};

export interface FranceConnectIdentity extends SandboxIdentity {
  readonly claims: Readonly<FranceConnectClaims>;
}

function person(
  givenNames: string,
  familyName: string,
  rest: Omit<FranceConnectClaims, 'given_name' | 'given_name_array' | 'family_name'>,
): FranceConnectClaims {
  return {
    given_name: givenNames,
    given_name_array: givenNames === '' ? [] : givenNames.split(' '),
    family_name: familyName,
    ...rest,
    idp_birthdate: rest.idp_birthdate ?? rest.birthdate,
  };
}

/** A birthdate `years` years ago minus one day, so the person is exactly that old today. */
function birthdateForAge(years: number, today = new Date()): string {
  const date = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate()));
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** The canonical FranceConnect integration user (`test` / `123` on the FC mocks). */
export const canonicalFranceConnectClaims: FranceConnectClaims = person('Angela Claire Louise', 'DUBOIS', {
  gender: 'female',
  birthdate: '1962-08-24',
  birthplace: '75107',
  birthcountry: '99100',
  email: 'wossewodda-3728@yopmail.com',
});

const blocked: LoginRefusal = { kind: 'redirect', error: 'access_denied', description: 'User auth aborted' };
const missingEmail: LoginRefusal = {
  kind: 'page',
  code: 'Y600006',
  message:
    "Les données d'identité transmises par le fournisseur d'identité sont incomplètes (adresse électronique manquante).",
};

/**
 * The FranceConnect test identities. Ids follow the logins of FranceConnect's
 * own mock identity provider (`france-connect/sources`, citizen CSV), without
 * accents; only `test` copies FranceConnect's data exactly, the others are
 * invented to show the same edge case.
 */
export const franceconnectIdentities: readonly FranceConnectIdentity[] = [
  {
    accountId: 'test',
    label: 'Angela Claire Louise DUBOIS',
    description: "Identité canonique de l'intégration FranceConnect (née à Paris 7e le 24/08/1962).",
    group: 'standard',
    claims: canonicalFranceConnectClaims,
  },
  {
    accountId: 'bdd_default',
    label: 'Jeanne DURAND, dite MARTIN',
    description: "Personne avec un nom d'usage, née à Grenoble.",
    group: 'standard',
    claims: person('Jeanne', 'DURAND', {
      preferred_username: 'MARTIN',
      gender: 'female',
      birthdate: '1980-06-15',
      birthplace: '38185',
      birthcountry: '99100',
      email: 'jeanne.durand@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'avec_nom_dusage',
    label: 'Marie LEROY, dite DUBOIS',
    description: "Nom d'usage (preferred_username) différent du nom de naissance.",
    group: 'edge',
    claims: person('Marie', 'LEROY', {
      preferred_username: 'DUBOIS',
      gender: 'female',
      birthdate: '1975-03-02',
      birthplace: '69123',
      birthcountry: '99100',
      email: 'marie.leroy@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'nom_compose',
    label: 'Paul TROIS-DUPRE',
    description: 'Nom de famille composé avec un trait d’union.',
    group: 'edge',
    claims: person('Paul', 'TROIS-DUPRE', {
      gender: 'male',
      birthdate: '1968-11-30',
      birthplace: '38421',
      birthcountry: '99100',
      email: 'paul.trois-dupre@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'nom_50_caracteres',
    label: 'Louis DE LA ROCHEFOUCAULD-MONTMORENCY…',
    description: 'Nom de famille de plus de 50 caractères.',
    group: 'edge',
    claims: person('Louis', 'DE LA ROCHEFOUCAULD-MONTMORENCY DE SAINT-GERMAIN DES PRES', {
      gender: 'male',
      birthdate: '1990-01-12',
      birthplace: '75056',
      birthcountry: '99100',
      email: 'louis.delarochefoucauld@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'carac_speciaux',
    label: 'Hélène Zoé L’ŒUVRE-ÉGLÉ',
    description: 'Accents, ligature Œ et apostrophe ; née en Haute-Corse (2B002).',
    group: 'edge',
    claims: person('Hélène Zoé', 'L’ŒUVRE-ÉGLÉ', {
      gender: 'female',
      birthdate: '1985-07-14',
      birthplace: '2B002',
      birthcountry: '99100',
      email: 'helene.loeuvre@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'prenom_compose',
    label: 'Jean-Philippe MOREAU',
    description: 'Prénom composé (un seul prénom avec trait d’union).',
    group: 'edge',
    claims: person('Jean-Philippe', 'MOREAU', {
      gender: 'male',
      birthdate: '1971-04-20',
      birthplace: '38053',
      birthcountry: '99100',
      email: 'jean-philippe.moreau@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'plusieurs_prenoms_3',
    label: 'Pierre Paul Jacques LEFEBVRE',
    description: 'Trois prénoms (given_name_array de trois éléments).',
    group: 'edge',
    claims: person('Pierre Paul Jacques', 'LEFEBVRE', {
      gender: 'male',
      birthdate: '1959-09-09',
      birthplace: '13055',
      birthcountry: '99100',
      email: 'pierre.lefebvre@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'moins_16_ans',
    label: 'Lina GARCIA (15 ans)',
    description: 'Mineure de moins de 16 ans (date de naissance calculée au démarrage du bac à sable).',
    group: 'edge',
    claims: person('Lina', 'GARCIA', {
      gender: 'female',
      birthdate: birthdateForAge(15),
      birthplace: '38185',
      birthcountry: '99100',
      email: 'lina.garcia@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'moins_18_ans',
    label: 'Hugo FONTAINE (17 ans)',
    description: 'Mineur de moins de 18 ans (date de naissance calculée au démarrage du bac à sable).',
    group: 'edge',
    claims: person('Hugo', 'FONTAINE', {
      gender: 'male',
      birthdate: birthdateForAge(17),
      birthplace: '38544',
      birthcountry: '99100',
      email: 'hugo.fontaine@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'genre_indefini',
    label: 'Camille ROBIN (genre non précisé)',
    description: 'gender = "unspecified".',
    group: 'edge',
    claims: person('Camille', 'ROBIN', {
      gender: 'unspecified',
      birthdate: '1993-02-28',
      birthplace: '38185',
      birthcountry: '99100',
      email: 'camille.robin@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'mois_00',
    label: 'Ahmed BENALI (mois de naissance inconnu)',
    description: 'Date présumée : idp_birthdate 1977-00-03, birthdate complétée en 1977-01-03.',
    group: 'edge',
    claims: person('Ahmed', 'BENALI', {
      gender: 'male',
      birthdate: '1977-01-03',
      idp_birthdate: '1977-00-03',
      birthplace: '',
      birthcountry: '99350',
      email: 'ahmed.benali@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'test_CORSE_2A',
    label: 'Marc-Antoine SANTONI (né à Ajaccio)',
    description: 'Lieu de naissance en Corse-du-Sud (COG 2A004).',
    group: 'edge',
    claims: person('Marc-Antoine', 'SANTONI', {
      gender: 'male',
      birthdate: '1982-05-05',
      birthplace: '2A004',
      birthcountry: '99100',
      email: 'marc-antoine.santoni@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'test_CORSE_2B',
    label: 'Laetitia ALBERTINI (née à Bastia)',
    description: 'Lieu de naissance en Haute-Corse (COG 2B033).',
    group: 'edge',
    claims: person('Laetitia', 'ALBERTINI', {
      gender: 'female',
      birthdate: '1988-10-01',
      birthplace: '2B033',
      birthcountry: '99100',
      email: 'laetitia.albertini@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'ne_a_l_etranger',
    label: 'Lucía FERNÁNDEZ (née en Espagne)',
    description: 'Née à l’étranger : birthplace vide, birthcountry 99134.',
    group: 'edge',
    claims: person('Lucía', 'FERNÁNDEZ', {
      gender: 'female',
      birthdate: '1979-12-24',
      birthplace: '',
      birthcountry: '99134',
      email: 'lucia.fernandez@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'sans_prenom',
    label: 'DUPONT (sans prénom)',
    description: 'given_name vide : le service doit refuser ou signaler.',
    group: 'malformed',
    claims: person('', 'DUPONT', {
      gender: 'male',
      birthdate: '1966-06-06',
      birthplace: '38185',
      birthcountry: '99100',
      email: 'sans.prenom@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'test_INVALID_COG',
    label: 'Arthur VINCENT (COG invalide)',
    description: 'birthplace = "AAAAA" : code commune invalide.',
    group: 'malformed',
    claims: person('Arthur', 'VINCENT', {
      gender: 'male',
      birthdate: '1983-03-03',
      birthplace: 'AAAAA',
      birthcountry: '99100',
      email: 'arthur.vincent@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'test_CORSE_INVALID',
    label: 'Paola ROSSI (pays invalide)',
    description: 'birthcountry = "AZERTY" : code pays invalide.',
    group: 'malformed',
    claims: person('Paola', 'ROSSI', {
      gender: 'female',
      birthdate: '1991-08-08',
      birthplace: '2A004',
      birthcountry: 'AZERTY',
      email: 'paola.rossi@usagers.sandbox.test',
    }),
  },
  {
    accountId: 'sans_mail',
    label: 'Bernard NOEL (sans adresse électronique)',
    description: 'FranceConnect arrête la cinématique sur sa page d’erreur Y600006, sans retour au service.',
    group: 'refused',
    claims: person('Bernard', 'NOEL', {
      gender: 'male',
      birthdate: '1955-12-25',
      birthplace: '38185',
      birthcountry: '99100',
    }),
    refusal: missingEmail,
  },
  {
    accountId: 'desactive',
    label: 'Compte désactivé',
    description: 'Compte bloqué : retour au service avec error=access_denied.',
    group: 'refused',
    claims: canonicalFranceConnectClaims,
    refusal: blocked,
  },
];
