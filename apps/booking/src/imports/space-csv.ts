import { renterCategorySchema, type RenterCategory, type SpaceKind } from '@salle/contracts';
import { validateUai } from '@salle/french-identifiers';
import { formatBoolean, labelOf, type RowReader } from './row-reader';

/** Columns of the spaces file, in export order (see README.md). */
export const SPACE_COLUMNS = [
  'uai',
  'nom',
  'type',
  'capacite',
  'surface_m2',
  'equipements',
  'accessible_pmr',
  'description',
  'battement_minutes',
  'duree_min_minutes',
  'duree_max_minutes',
  'delai_minimum_heures',
  'horizon_jours',
  'validation_requise',
  'categories',
  'ferme_jours_feries',
  'actif',
] as const;

export const SPACE_REQUIRED_COLUMNS = ['uai', 'nom', 'type', 'capacite'];

export const SPACE_KINDS = new Map<string, SpaceKind>([
  ['salle_de_classe', 'classroom'],
  ['salle_polyvalente', 'multipurpose_hall'],
  ['gymnase', 'gymnasium'],
  ['auditorium', 'auditorium'],
  ['internat', 'boarding'],
  ['salle_de_reunion', 'meeting_room'],
  ['autre', 'other'],
  ['classroom', 'classroom'],
  ['multipurpose_hall', 'multipurpose_hall'],
  ['gymnasium', 'gymnasium'],
  ['boarding', 'boarding'],
  ['meeting_room', 'meeting_room'],
  ['other', 'other'],
]);

export const RENTER_CATEGORIES = new Map<string, RenterCategory>([
  ['association', 'association'],
  ['commune', 'commune'],
  ['organisme_de_formation', 'training_organisation'],
  ['entreprise', 'company'],
  ['training_organisation', 'training_organisation'],
  ['company', 'company'],
]);

/** What a new space gets when its optional cells are empty: the API's defaults. */
const SPACE_DEFAULTS = {
  areaM2: null,
  equipment: [] as string[],
  stepFreeAccess: false,
  description: '',
  bufferMinutes: 0,
  minDurationMinutes: 60,
  maxDurationMinutes: 600,
  minNoticeHours: 48,
  maxHorizonDays: 365,
  approvalRequired: true,
  allowedCategories: [...renterCategorySchema.options],
  closedOnPublicHolidays: true,
  active: true,
};

export interface SpaceLine {
  line: number;
  uai: string;
  name: string;
  kind: SpaceKind;
  capacity: number;
  areaM2?: number;
  equipment?: string[];
  stepFreeAccess?: boolean;
  description?: string;
  bufferMinutes?: number;
  minDurationMinutes?: number;
  maxDurationMinutes?: number;
  minNoticeHours?: number;
  maxHorizonDays?: number;
  approvalRequired?: boolean;
  allowedCategories?: RenterCategory[];
  closedOnPublicHolidays?: boolean;
  active?: boolean;
}

export interface SpaceRecord {
  uai: string;
  name: string;
  kind: SpaceKind;
  capacity: number;
  areaM2: number | null;
  equipment: string[];
  stepFreeAccess: boolean;
  description: string;
  bufferMinutes: number;
  minDurationMinutes: number;
  maxDurationMinutes: number;
  minNoticeHours: number;
  maxHorizonDays: number;
  approvalRequired: boolean;
  allowedCategories: RenterCategory[];
  closedOnPublicHolidays: boolean;
  active: boolean;
}

export function readSpaceLine(reader: RowReader): SpaceLine | undefined {
  const uai = reader.identifier('uai', validateUai, true);
  const name = reader.text('nom', { required: true, max: 200 });
  const kind = reader.choice('type', SPACE_KINDS, true);
  const capacity = reader.integer('capacite', { required: true, min: 1, max: 10_000 });
  const areaM2 = reader.integer('surface_m2', { min: 1, max: 100_000 });
  const equipment = reader.list('equipements', { maxItems: 50, maxLength: 60 });
  const stepFreeAccess = reader.boolean('accessible_pmr');
  const description = reader.text('description', { max: 5_000 });
  const bufferMinutes = reader.integer('battement_minutes', { min: 0, max: 240 });
  const minDurationMinutes = reader.integer('duree_min_minutes', { min: 15, max: 24 * 60 });
  const maxDurationMinutes = reader.integer('duree_max_minutes', { min: 15, max: 14 * 24 * 60 });
  const minNoticeHours = reader.integer('delai_minimum_heures', { min: 0, max: 24 * 90 });
  const maxHorizonDays = reader.integer('horizon_jours', { min: 1, max: 730 });
  const approvalRequired = reader.boolean('validation_requise');
  const allowedCategories = readCategories(reader);
  const closedOnPublicHolidays = reader.boolean('ferme_jours_feries');
  const active = reader.boolean('actif');
  if (uai === undefined || name === undefined || kind === undefined || capacity === undefined) return undefined;
  return {
    line: reader.line,
    uai,
    name,
    kind,
    capacity,
    areaM2,
    equipment,
    stepFreeAccess,
    description,
    bufferMinutes,
    minDurationMinutes,
    maxDurationMinutes,
    minNoticeHours,
    maxHorizonDays,
    approvalRequired,
    allowedCategories,
    closedOnPublicHolidays,
    active,
  };
}

function readCategories(reader: RowReader): RenterCategory[] | undefined {
  const labels = reader.list('categories', { maxItems: 4, maxLength: 40 });
  if (labels === undefined) return undefined;
  const categories: RenterCategory[] = [];
  for (const label of labels) {
    const category = RENTER_CATEGORIES.get(label.toLowerCase());
    if (!category) {
      return reader.fail(
        'categories',
        `catégorie inconnue «\u00a0${label}\u00a0» (association, commune, organisme_de_formation, entreprise)`,
      );
    }
    if (!categories.includes(category)) categories.push(category);
  }
  return categories.length ? categories : reader.fail('categories', 'indiquez au moins une catégorie');
}

/** The record after applying a line: empty optional cells keep the stored value (or the API default for a new space). */
export function mergeSpace(line: SpaceLine, existing: SpaceRecord | undefined): SpaceRecord {
  const base = existing ?? {
    ...SPACE_DEFAULTS,
    uai: line.uai,
    name: line.name,
    kind: line.kind,
    capacity: line.capacity,
  };
  return {
    uai: line.uai,
    name: line.name,
    kind: line.kind,
    capacity: line.capacity,
    areaM2: line.areaM2 ?? base.areaM2,
    equipment: line.equipment ?? base.equipment,
    stepFreeAccess: line.stepFreeAccess ?? base.stepFreeAccess,
    description: line.description ?? base.description,
    bufferMinutes: line.bufferMinutes ?? base.bufferMinutes,
    minDurationMinutes: line.minDurationMinutes ?? base.minDurationMinutes,
    maxDurationMinutes: line.maxDurationMinutes ?? base.maxDurationMinutes,
    minNoticeHours: line.minNoticeHours ?? base.minNoticeHours,
    maxHorizonDays: line.maxHorizonDays ?? base.maxHorizonDays,
    approvalRequired: line.approvalRequired ?? base.approvalRequired,
    allowedCategories: line.allowedCategories ?? base.allowedCategories,
    closedOnPublicHolidays: line.closedOnPublicHolidays ?? base.closedOnPublicHolidays,
    active: line.active ?? base.active,
  };
}

export function spaceCells(record: SpaceRecord): string[] {
  return [
    record.uai,
    record.name,
    labelOf(SPACE_KINDS, record.kind),
    String(record.capacity),
    record.areaM2 === null ? '' : String(record.areaM2),
    record.equipment.join('|'),
    formatBoolean(record.stepFreeAccess),
    record.description,
    String(record.bufferMinutes),
    String(record.minDurationMinutes),
    String(record.maxDurationMinutes),
    String(record.minNoticeHours),
    String(record.maxHorizonDays),
    formatBoolean(record.approvalRequired),
    record.allowedCategories.map((category) => labelOf(RENTER_CATEGORIES, category)).join('|'),
    formatBoolean(record.closedOnPublicHolidays),
    formatBoolean(record.active),
  ];
}
