import {
  frenchDuration as formatDuration,
  frenchEuros,
  RENTER_CATEGORIES,
  type RenterCategory,
} from '@salle/contracts';

export { RENTER_CATEGORIES, type RenterCategory } from '@salle/contracts';

const CATEGORY_LABELS: Record<RenterCategory, string> = {
  association: 'associations',
  commune: 'communes',
  training_organisation: 'organismes de formation',
  company: 'entreprises',
};

/** Prices of one renter category, in integer euro cents. An hourly price of 0 means free. */
export interface CategoryRate {
  hourlyCents: number;
  /** Flat price of a booking up to `halfDayMaxMinutes`. */
  halfDayCents?: number | null;
  /** Flat price of a booking up to `dayMaxMinutes`. */
  dayCents?: number | null;
}

/** Tariff of one space. A category without a rate may not book it. */
export interface Tariff {
  rates: Partial<Record<RenterCategory, CategoryRate>>;
  /** Deposit (caution) shown to the renter; never charged by the platform. */
  depositCents?: number | null;
  /** Longest booking the half-day flat rate covers (default 4 h). */
  halfDayMaxMinutes?: number;
  /** Longest booking the day flat rate covers (default 10 h, a collège's usual opening day). */
  dayMaxMinutes?: number;
}

/** One stored rate of a space's tariff: one renter category's prices and the deposit it asks. */
export interface TariffRow extends CategoryRate {
  category: RenterCategory;
  depositCents: number;
}

/** A space's tariff from its stored rates, one per category; the deposit is the highest one asked. */
export function tariffOf(rows: readonly TariffRow[]): Tariff {
  return {
    rates: Object.fromEntries(
      rows.map((row) => [
        row.category,
        { hourlyCents: row.hourlyCents, halfDayCents: row.halfDayCents, dayCents: row.dayCents },
      ]),
    ),
    depositCents: Math.max(0, ...rows.map((row) => row.depositCents)),
  };
}

export const DEFAULT_HALF_DAY_MAX_MINUTES = 240;
export const DEFAULT_DAY_MAX_MINUTES = 600;

export type PricingMethod = 'free' | 'hourly' | 'half_day' | 'day';

export interface PriceQuote {
  ok: true;
  totalCents: number;
  method: PricingMethod;
  /** Billed duration: the elapsed time rounded up to the whole minute. */
  durationMinutes: number;
  hourlyCents: number;
  /** The flat rate used, for `half_day` and `day`. */
  flatCents: number | null;
  /** Minutes beyond the flat rate's length, charged at the hourly price. */
  extraMinutes: number;
  extraCents: number;
  depositCents: number | null;
  /** How the price was obtained, in French, for the booking summary. */
  explanation: string;
}

export type QuoteResult =
  PriceQuote | { ok: false; code: 'category_not_admitted' | 'invalid_interval'; message: string };

/**
 * Hourly price of `minutes`, prorated to the minute and rounded half up to
 * the cent: 12,00 €/h for 1 h 25 = 17,00 €; 10,00 €/h for 1 min = 0,17 €
 * (16,67 cents rounded up). Integer arithmetic only.
 */
export function proratedCents(hourlyCents: number, minutes: number): number {
  return Math.floor((hourlyCents * minutes + 30) / 60);
}

/**
 * The price of [start, end) for `category`. Three candidates: the hourly
 * price of the whole duration; the half-day flat rate plus the hourly price
 * of any time beyond the half-day; the day flat rate plus the hourly price of
 * any time beyond the day. The cheapest wins (hourly first on a tie, then
 * half day). Each candidate grows with the duration, so the price never
 * decreases when a booking gets longer, and a category whose hourly price is
 * 0 always books for free.
 */
export function quote(tariff: Tariff, category: RenterCategory, start: Date, end: Date): QuoteResult {
  const rate = tariff.rates[category];
  if (!rate) {
    return {
      ok: false,
      code: 'category_not_admitted',
      message: `Cet espace n’est pas proposé aux ${CATEGORY_LABELS[category]}.`,
    };
  }
  const elapsed = end.getTime() - start.getTime();
  if (!(elapsed > 0))
    return { ok: false, code: 'invalid_interval', message: 'La fin du créneau doit être après son début.' };
  const minutes = Math.ceil(elapsed / 60_000);
  const depositCents = tariff.depositCents ?? null;
  const hourly = proratedCents(rate.hourlyCents, minutes);
  const base = { ok: true as const, durationMinutes: minutes, hourlyCents: rate.hourlyCents, depositCents };
  if (rate.hourlyCents === 0) {
    return {
      ...base,
      totalCents: 0,
      method: 'free',
      flatCents: null,
      extraMinutes: 0,
      extraCents: 0,
      explanation: 'Gratuit.',
    };
  }
  let best: PriceQuote = {
    ...base,
    totalCents: hourly,
    method: 'hourly',
    flatCents: null,
    extraMinutes: 0,
    extraCents: 0,
    explanation: `${formatDuration(minutes)} au tarif horaire de ${formatEuros(rate.hourlyCents)}\u00a0: ${formatEuros(hourly)}.`,
  };
  const flats: Array<[PricingMethod, number | null | undefined, number, string]> = [
    ['half_day', rate.halfDayCents, tariff.halfDayMaxMinutes ?? DEFAULT_HALF_DAY_MAX_MINUTES, 'demi-journée'],
    ['day', rate.dayCents, tariff.dayMaxMinutes ?? DEFAULT_DAY_MAX_MINUTES, 'journée'],
  ];
  for (const [method, flatCents, maxMinutes, label] of flats) {
    if (flatCents === null || flatCents === undefined) continue;
    const extraMinutes = Math.max(0, minutes - maxMinutes);
    const extraCents = proratedCents(rate.hourlyCents, extraMinutes);
    const total = flatCents + extraCents;
    if (total >= best.totalCents) continue;
    const flatText = `Forfait ${label} (jusqu’à ${formatDuration(maxMinutes)})\u00a0: ${formatEuros(flatCents)}`;
    best = {
      ...base,
      totalCents: total,
      method,
      flatCents,
      extraMinutes,
      extraCents,
      explanation:
        extraMinutes === 0
          ? `${flatText}.`
          : `${flatText}, plus ${formatDuration(extraMinutes)} au tarif horaire\u00a0: ${formatEuros(extraCents)}, soit ${formatEuros(total)}.`,
    };
  }
  return best;
}

export interface TariffProblem {
  path: string;
  message: string;
}

/** Checks a tariff entered by a manager; French messages, empty when usable. */
export function validateTariff(tariff: Tariff): TariffProblem[] {
  const problems: TariffProblem[] = [];
  const cents = (value: number | null | undefined, path: string) => {
    if (value !== null && value !== undefined && (!Number.isInteger(value) || value < 0)) {
      problems.push({ path, message: 'Le montant doit être un nombre entier de centimes, positif ou nul.' });
    }
  };
  for (const category of RENTER_CATEGORIES) {
    const rate = tariff.rates[category];
    if (!rate) continue;
    cents(rate.hourlyCents, `rates.${category}.hourlyCents`);
    cents(rate.halfDayCents, `rates.${category}.halfDayCents`);
    cents(rate.dayCents, `rates.${category}.dayCents`);
  }
  for (const key of Object.keys(tariff.rates)) {
    if (!(RENTER_CATEGORIES as readonly string[]).includes(key))
      problems.push({ path: `rates.${key}`, message: 'Catégorie de locataire inconnue.' });
  }
  cents(tariff.depositCents, 'depositCents');
  const half = tariff.halfDayMaxMinutes ?? DEFAULT_HALF_DAY_MAX_MINUTES;
  const day = tariff.dayMaxMinutes ?? DEFAULT_DAY_MAX_MINUTES;
  if (!Number.isInteger(half) || half < 1 || !Number.isInteger(day) || day <= half) {
    problems.push({
      path: 'dayMaxMinutes',
      message: 'La durée du forfait journée doit dépasser celle du forfait demi-journée.',
    });
  }
  return problems;
}

/** `1234` → `12,34 €`, as everywhere people read an amount (`@salle/contracts`). */
export const formatEuros = frenchEuros;
