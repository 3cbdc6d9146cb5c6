import {
  RENTER_CATEGORIES,
  type FieldError,
  type OpeningPeriod,
  type OpeningRuleInput,
  type OpeningRuleView,
  type RenterCategory,
  type SpaceDetailsView,
  type SpaceKind,
  type TariffInput,
  type TariffView,
  type UpdateSpace,
} from '@salle/contracts';
import { centsToInput, parseEuros } from '../../lib/money';

export interface SpaceDetailsForm {
  name: string;
  kind: SpaceKind;
  capacity: string;
  areaM2: string;
  equipment: string;
  stepFreeAccess: boolean;
  description: string;
  photoUrls: string;
  bufferMinutes: string;
  minDurationMinutes: string;
  maxDurationMinutes: string;
  minNoticeHours: string;
  maxHorizonDays: string;
  approvalRequired: boolean;
  allowedCategories: string[];
  closedOnPublicHolidays: boolean;
  active: boolean;
}

export function detailsFormOf(space: SpaceDetailsView): SpaceDetailsForm {
  return {
    name: space.name,
    kind: space.kind,
    capacity: String(space.capacity),
    areaM2: space.areaM2 === null ? '' : String(space.areaM2),
    equipment: space.equipment.join('\n'),
    stepFreeAccess: space.stepFreeAccess,
    description: space.description,
    photoUrls: space.photoUrls.join('\n'),
    bufferMinutes: String(space.bufferMinutes),
    minDurationMinutes: String(space.minDurationMinutes),
    maxDurationMinutes: String(space.maxDurationMinutes),
    minNoticeHours: String(space.minNoticeHours),
    maxHorizonDays: String(space.maxHorizonDays),
    approvalRequired: space.approvalRequired,
    allowedCategories: [...space.allowedCategories],
    closedOnPublicHolidays: space.closedOnPublicHolidays,
    active: space.active,
  };
}

const lines = (text: string) =>
  text
    .split(/\n|,/)
    .map((line) => line.trim())
    .filter(Boolean);
const integer = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** The PATCH body; numbers the person left unreadable become NaN, which the shared schema then names. */
export function detailsBodyOf(form: SpaceDetailsForm): UpdateSpace {
  return {
    name: form.name,
    kind: form.kind,
    capacity: integer(form.capacity),
    areaM2: form.areaM2.trim() ? integer(form.areaM2) : null,
    equipment: lines(form.equipment),
    stepFreeAccess: form.stepFreeAccess,
    description: form.description,
    photoUrls: form.photoUrls
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    bufferMinutes: integer(form.bufferMinutes),
    minDurationMinutes: integer(form.minDurationMinutes),
    maxDurationMinutes: integer(form.maxDurationMinutes),
    minNoticeHours: integer(form.minNoticeHours),
    maxHorizonDays: integer(form.maxHorizonDays),
    approvalRequired: form.approvalRequired,
    allowedCategories: form.allowedCategories as RenterCategory[],
    closedOnPublicHolidays: form.closedOnPublicHolidays,
    active: form.active,
  };
}

export interface RuleRow {
  weekdays: string[];
  startTime: string;
  endTime: string;
  period: OpeningPeriod;
  validFrom: string;
  validUntil: string;
}

export function ruleRowsOf(rules: readonly OpeningRuleView[]): RuleRow[] {
  return rules.map((rule) => ({
    weekdays: rule.weekdays.map(String),
    startTime: rule.startTime,
    endTime: rule.endTime,
    period: rule.period,
    validFrom: rule.validFrom ?? '',
    validUntil: rule.validUntil ?? '',
  }));
}

export function rulesBodyOf(rows: readonly RuleRow[]): OpeningRuleInput[] {
  return rows.map((row) => ({
    weekdays: row.weekdays.map(Number).sort((a, b) => a - b),
    startTime: row.startTime,
    endTime: row.endTime,
    period: row.period,
    validFrom: row.validFrom || null,
    validUntil: row.validUntil || null,
  }));
}

export interface TariffRow {
  category: RenterCategory;
  offered: boolean;
  hourly: string;
  halfDay: string;
  day: string;
  deposit: string;
}

/** The tariff rows of the editor, one per renter category. */
export const CATEGORIES: readonly RenterCategory[] = RENTER_CATEGORIES;

export function tariffRowsOf(tariffs: readonly TariffView[]): TariffRow[] {
  return CATEGORIES.map((category) => {
    const tariff = tariffs.find((item) => item.category === category);
    return {
      category,
      offered: Boolean(tariff),
      hourly: centsToInput(tariff?.hourlyCents),
      halfDay: centsToInput(tariff?.halfDayCents),
      day: centsToInput(tariff?.dayCents),
      deposit: centsToInput(tariff?.depositCents),
    };
  });
}

/**
 * The PUT body from the offered rows, and the errors of amounts that are not
 * amounts. Error fields are named `tariffs.<category>.<field>` so that they
 * stay on the right row whatever the body's order; `indexToCategory` does
 * the same for the service's `tariffs.<index>.…` errors.
 */
export function tariffsBodyOf(rows: readonly TariffRow[]): {
  body: TariffInput[];
  errors: FieldError[];
  indexToCategory: RenterCategory[];
} {
  const body: TariffInput[] = [];
  const errors: FieldError[] = [];
  const indexToCategory: RenterCategory[] = [];
  for (const row of rows) {
    if (!row.offered) continue;
    const amount = (text: string, field: string, required: boolean): number | null => {
      if (!text.trim()) {
        if (required)
          errors.push({ field: `tariffs.${row.category}.${field}`, message: 'indiquez un montant (0 pour gratuit)' });
        return null;
      }
      const cents = parseEuros(text);
      if (cents === null)
        errors.push({
          field: `tariffs.${row.category}.${field}`,
          message: 'montant en euros attendu, par exemple 12,50',
        });
      return cents;
    };
    const hourlyCents = amount(row.hourly, 'hourlyCents', true);
    const halfDayCents = amount(row.halfDay, 'halfDayCents', false);
    const dayCents = amount(row.day, 'dayCents', false);
    const depositCents = amount(row.deposit, 'depositCents', false);
    indexToCategory.push(row.category);
    body.push({
      category: row.category,
      hourlyCents: hourlyCents ?? 0,
      halfDayCents,
      dayCents,
      depositCents: depositCents ?? 0,
    });
  }
  return { body, errors, indexToCategory };
}

/** `tariffs.2.hourlyCents` from the service → `tariffs.company.hourlyCents` on the form. */
export function renameTariffErrors(
  errors: readonly FieldError[],
  indexToCategory: readonly RenterCategory[],
): FieldError[] {
  return errors.map((error) => {
    const match = /^tariffs\.(\d+)\.(.+)$/.exec(error.field);
    const category = match ? indexToCategory[Number(match[1])] : undefined;
    return match && category ? { ...error, field: `tariffs.${category}.${match[2]}` } : error;
  });
}
