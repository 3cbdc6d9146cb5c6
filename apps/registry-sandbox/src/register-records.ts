/**
 * An organisation as « Recherche d'entreprises » describes it in `GET /search`: the fields the booking
 * service reads, named and shaped as the real API names and shapes them (`nature_juridique` is INSEE's
 * legal category code, `activite_principale` the NAF code, `etat_administratif` A for active, C for ceased).
 */
export interface RegisterRecord {
  siren: string;
  nom_complet: string;
  nom_raison_sociale: string;
  sigle: string | null;
  nature_juridique: string;
  activite_principale: string;
  etat_administratif: 'A' | 'C';
  date_creation: string;
  date_fermeture: string | null;
  nombre_etablissements: number;
  nombre_etablissements_ouverts: number;
  siege: {
    siret: string;
    adresse: string;
    code_postal: string;
    commune: string;
    libelle_commune: string;
    etat_administratif: 'A' | 'F';
    activite_principale: string;
    est_siege: boolean;
  };
  complements: { est_association: boolean; identifiant_association: string | null };
}

function association(
  record: Pick<
    RegisterRecord,
    'siren' | 'nom_complet' | 'activite_principale' | 'etat_administratif' | 'date_creation'
  > & {
    rna: string;
    address: string;
    postalCode: string;
    insee: string;
    commune: string;
  },
): RegisterRecord {
  const ceased = record.etat_administratif === 'C';
  return {
    siren: record.siren,
    nom_complet: record.nom_complet,
    nom_raison_sociale: record.nom_complet,
    sigle: null,
    nature_juridique: '9220',
    activite_principale: record.activite_principale,
    etat_administratif: record.etat_administratif,
    date_creation: record.date_creation,
    date_fermeture: ceased ? '2024-06-30' : null,
    nombre_etablissements: 1,
    nombre_etablissements_ouverts: ceased ? 0 : 1,
    siege: {
      siret: `${record.siren}00017`.slice(0, 14),
      adresse: `${record.address} ${record.postalCode} ${record.commune.toUpperCase()}`,
      code_postal: record.postalCode,
      commune: record.insee,
      libelle_commune: record.commune.toUpperCase(),
      etat_administratif: ceased ? 'F' : 'A',
      activite_principale: record.activite_principale,
      est_siege: true,
    },
    complements: { est_association: true, identifiant_association: record.rna },
  };
}

/**
 * Fictitious organisations (their SIRENs start with 9999, where none is allocated), chosen so that every
 * case of the admin's check can be shown: an association that matches the seed's and the tests'
 * declaration, one that has ceased, one registered under another name and town, and a company.
 */
export const REGISTER_RECORDS: readonly RegisterRecord[] = [
  association({
    siren: '999900012',
    rna: 'W381000123',
    nom_complet: 'BASKET CLUB DU GRESIVAUDAN',
    activite_principale: '93.12Z',
    etat_administratif: 'A',
    date_creation: '1998-09-15',
    address: '2 PLACE DE LA MAIRIE',
    postalCode: '38580',
    insee: '38006',
    commune: 'Allevard',
  }),
  association({
    siren: '999900020',
    rna: 'W382000456',
    nom_complet: 'CHORALE DE VIENNE',
    activite_principale: '90.01Z',
    etat_administratif: 'C',
    date_creation: '1987-03-02',
    address: '12 RUE DES CLERCS',
    postalCode: '38200',
    insee: '38544',
    commune: 'Vienne',
  }),
  association({
    siren: '999900038',
    rna: 'W381000999',
    nom_complet: 'AMICALE DES JOUEURS DE TAROT DU VERCORS',
    activite_principale: '94.99Z',
    etat_administratif: 'A',
    date_creation: '2011-01-20',
    address: '5 ROUTE DE LANS',
    postalCode: '38250',
    insee: '38548',
    commune: 'Villard-de-Lans',
  }),
  {
    siren: '999900046',
    nom_complet: 'FORMATIONS ALPINES (FORMALP)',
    nom_raison_sociale: 'FORMATIONS ALPINES',
    sigle: 'FORMALP',
    nature_juridique: '5710',
    activite_principale: '85.59A',
    etat_administratif: 'A',
    date_creation: '2015-05-04',
    date_fermeture: null,
    nombre_etablissements: 1,
    nombre_etablissements_ouverts: 1,
    siege: {
      siret: '99990004600015',
      adresse: '8 AVENUE ALSACE LORRAINE 38000 GRENOBLE',
      code_postal: '38000',
      commune: '38185',
      libelle_commune: 'GRENOBLE',
      etat_administratif: 'A',
      activite_principale: '85.59A',
      est_siege: true,
    },
    complements: { est_association: false, identifiant_association: null },
  },
];

/** Ignores spaces and case, as the real search does for numbers. */
const compact = (text: string) => text.replace(/\s+/g, '').toUpperCase();

/** The records `q` designates: a SIREN, a SIRET or an RNA number exactly, otherwise words of the name. */
export function searchRecords(q: string): RegisterRecord[] {
  const number = compact(q);
  const byNumber = REGISTER_RECORDS.filter(
    (record) =>
      record.siren === number || record.siege.siret === number || record.complements.identifiant_association === number,
  );
  if (byNumber.length || /^(W\d|\d{9})/.test(number)) return byNumber;
  const words = q.toUpperCase().split(/\s+/).filter(Boolean);
  return REGISTER_RECORDS.filter((record) => words.every((word) => record.nom_complet.includes(word)));
}
