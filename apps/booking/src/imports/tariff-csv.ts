import type { RenterCategory } from '@salle/contracts';
import type { RowReader } from './row-reader';
import { formatEuros, labelOf } from './row-reader';
import { RENTER_CATEGORIES } from './space-csv';
import { readSpaceKey, SPACE_KEY_COLUMNS, type SpaceKey } from './space-key';

/** Columns of the tariffs file, in export order (see README.md). */
export const TARIFF_COLUMNS = [
  ...SPACE_KEY_COLUMNS,
  'categorie',
  'tarif_horaire',
  'tarif_demi_journee',
  'tarif_journee',
  'caution',
] as const;

export const TARIFF_REQUIRED_COLUMNS = ['categorie', 'tarif_horaire'];

/** The catalogue API's bounds (`tariffSchema`), in cents. */
const MAX_PRICE_CENTS = 1_000_000;
const MAX_DEPOSIT_CENTS = 10_000_000;

/** One tariff as stored, amounts in cents. */
export interface TariffRecord {
  category: RenterCategory;
  hourlyCents: number;
  halfDayCents: number | null;
  dayCents: number | null;
  depositCents: number;
}

export interface TariffLine {
  line: number;
  key: SpaceKey;
  tariff: TariffRecord;
}

/** Empty half-day and day cells mean no such price (hourly billing), an empty deposit none: as the API's defaults. */
export function readTariffLine(reader: RowReader): TariffLine | undefined {
  const key = readSpaceKey(reader);
  const category = reader.choice('categorie', RENTER_CATEGORIES, true);
  const hourlyCents = reader.euros('tarif_horaire', { required: true, maxCents: MAX_PRICE_CENTS });
  const halfDayCents = reader.euros('tarif_demi_journee', { maxCents: MAX_PRICE_CENTS }) ?? null;
  const dayCents = reader.euros('tarif_journee', { maxCents: MAX_PRICE_CENTS }) ?? null;
  const depositCents = reader.euros('caution', { maxCents: MAX_DEPOSIT_CENTS }) ?? 0;
  if (!key || category === undefined || hourlyCents === undefined) return undefined;
  return { line: reader.line, key, tariff: { category, hourlyCents, halfDayCents, dayCents, depositCents } };
}

const euroCell = (cents: number | null) => (cents === null ? '' : formatEuros(cents));

export function tariffCells(tariff: TariffRecord): string[] {
  return [
    labelOf(RENTER_CATEGORIES, tariff.category),
    euroCell(tariff.hourlyCents),
    euroCell(tariff.halfDayCents),
    euroCell(tariff.dayCents),
    euroCell(tariff.depositCents),
  ];
}

export const sameTariff = (a: TariffRecord, b: TariffRecord) =>
  a.category === b.category &&
  a.hourlyCents === b.hourlyCents &&
  a.halfDayCents === b.halfDayCents &&
  a.dayCents === b.dayCents &&
  a.depositCents === b.depositCents;
