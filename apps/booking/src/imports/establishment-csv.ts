import { z } from 'zod';
import { validateInseeCommuneCode, validateSiret, validateUai } from '@salle/french-identifiers';
import type { EstablishmentStatus, SchoolZone } from '@salle/contracts';
import { labelOf, type RowReader } from './row-reader';

/** Columns of the establishments file, in export order (see README.md). */
export const ESTABLISHMENT_COLUMNS = [
  'uai',
  'nom',
  'siret',
  'adresse',
  'code_postal',
  'commune',
  'code_insee',
  'latitude',
  'longitude',
  'zone',
  'courriel',
  'telephone',
  'statut',
] as const;

export const ESTABLISHMENT_REQUIRED_COLUMNS = [
  'uai',
  'nom',
  'code_postal',
  'commune',
  'code_insee',
  'latitude',
  'longitude',
  'zone',
];

export const ESTABLISHMENT_STATUSES = new Map<string, EstablishmentStatus>([
  ['brouillon', 'draft'],
  ['actif', 'active'],
  ['suspendu', 'suspended'],
  ['draft', 'draft'],
  ['active', 'active'],
  ['suspended', 'suspended'],
]);

const ZONES = new Map<string, SchoolZone>([
  ['a', 'A'],
  ['b', 'B'],
  ['c', 'C'],
]);

const emailSchema = z.email();

/** The fields of an establishment a file line carries; optional ones are undefined when the cell is empty. */
export interface EstablishmentLine {
  line: number;
  uai: string;
  name: string;
  siret?: string;
  address?: string;
  postalCode: string;
  communeName: string;
  communeInsee: string;
  latitude: number;
  longitude: number;
  schoolZone: SchoolZone;
  contactEmail?: string;
  contactPhone?: string;
  status?: EstablishmentStatus;
}

/** The stored values compared and written by the import (the database row, in camel case). */
export interface EstablishmentRecord {
  uai: string;
  name: string;
  siret: string | null;
  address: string;
  postalCode: string;
  communeName: string;
  communeInsee: string;
  latitude: number;
  longitude: number;
  schoolZone: SchoolZone;
  contactEmail: string | null;
  contactPhone: string | null;
  status: EstablishmentStatus;
}

export function readEstablishmentLine(reader: RowReader): EstablishmentLine | undefined {
  const uai = reader.identifier('uai', validateUai, true);
  const name = reader.text('nom', { required: true, max: 200 });
  const siret = reader.identifier('siret', validateSiret);
  const address = reader.text('adresse', { max: 300 });
  const postalCode = reader.matching('code_postal', /^\d{5}$/, 'le code postal comporte 5 chiffres', true);
  const communeName = reader.text('commune', { required: true, max: 200 });
  const communeInsee = reader.identifier('code_insee', validateInseeCommuneCode, true);
  const latitude = reader.decimal('latitude', { required: true, min: -90, max: 90 });
  const longitude = reader.decimal('longitude', { required: true, min: -180, max: 180 });
  const schoolZone = reader.choice('zone', ZONES, true);
  const contactEmail = reader.text('courriel', { max: 200 });
  if (contactEmail !== undefined && !emailSchema.safeParse(contactEmail).success) {
    reader.fail('courriel', `adresse électronique invalide «\u00a0${contactEmail}\u00a0»`);
  }
  const contactPhone = reader.text('telephone', { max: 30 });
  const status = reader.choice('statut', ESTABLISHMENT_STATUSES);
  if (
    uai === undefined ||
    name === undefined ||
    postalCode === undefined ||
    communeName === undefined ||
    communeInsee === undefined ||
    latitude === undefined ||
    longitude === undefined ||
    schoolZone === undefined
  ) {
    return undefined;
  }
  return {
    line: reader.line,
    uai,
    name,
    siret,
    address,
    postalCode,
    communeName,
    communeInsee,
    latitude,
    longitude,
    schoolZone,
    contactEmail,
    contactPhone,
    status,
  };
}

/** The record after applying a line: empty optional cells keep the stored value (or the default of a new collège). */
export function mergeEstablishment(
  line: EstablishmentLine,
  existing: EstablishmentRecord | undefined,
): EstablishmentRecord {
  return {
    uai: line.uai,
    name: line.name,
    siret: line.siret ?? existing?.siret ?? null,
    address: line.address ?? existing?.address ?? '',
    postalCode: line.postalCode,
    communeName: line.communeName,
    communeInsee: line.communeInsee,
    latitude: line.latitude,
    longitude: line.longitude,
    schoolZone: line.schoolZone,
    contactEmail: line.contactEmail ?? existing?.contactEmail ?? null,
    contactPhone: line.contactPhone ?? existing?.contactPhone ?? null,
    status: line.status ?? existing?.status ?? 'draft',
  };
}

export function establishmentCells(record: EstablishmentRecord): string[] {
  return [
    record.uai,
    record.name,
    record.siret ?? '',
    record.address,
    record.postalCode,
    record.communeName,
    record.communeInsee,
    String(record.latitude),
    String(record.longitude),
    record.schoolZone,
    record.contactEmail ?? '',
    record.contactPhone ?? '',
    labelOf(ESTABLISHMENT_STATUSES, record.status),
  ];
}
