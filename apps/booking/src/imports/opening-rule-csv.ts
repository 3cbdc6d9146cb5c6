import type { OpeningPeriod } from '@salle/contracts';
import type { RowReader } from './row-reader';
import { labelOf } from './row-reader';
import { readSpaceKey, SPACE_KEY_COLUMNS, type SpaceKey } from './space-key';

/** Columns of the opening rules file, in export order (see README.md). */
export const OPENING_RULE_COLUMNS = [
  ...SPACE_KEY_COLUMNS,
  'jours',
  'debut',
  'fin',
  'periode',
  'valide_du',
  'valide_au',
] as const;

export const OPENING_RULE_REQUIRED_COLUMNS = ['jours', 'debut', 'fin'];

/** The most rules one space may have, as the catalogue API allows. */
export const MAX_RULES_PER_SPACE = 50;

const WEEKDAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

const WEEKDAYS = new Map<string, number>(
  WEEKDAY_NAMES.flatMap((name, index) => [
    [name, index + 1],
    [name.slice(0, 3), index + 1],
    [String(index + 1), index + 1],
  ]),
);

export const OPENING_PERIODS = new Map<string, OpeningPeriod>([
  ['periode_scolaire', 'school_term'],
  ['vacances_scolaires', 'school_holidays'],
  ['toujours', 'always'],
  ['school_term', 'school_term'],
  ['school_holidays', 'school_holidays'],
  ['always', 'always'],
]);

/** One opening window as stored: times `HH:MM`, dates `YYYY-MM-DD`. */
export interface OpeningRuleRecord {
  weekdays: number[];
  startTime: string;
  endTime: string;
  period: OpeningPeriod;
  validFrom: string | null;
  validUntil: string | null;
}

export interface OpeningRuleLine {
  line: number;
  key: SpaceKey;
  rule: OpeningRuleRecord;
}

export function readOpeningRuleLine(reader: RowReader): OpeningRuleLine | undefined {
  const key = readSpaceKey(reader);
  const weekdays = readWeekdays(reader);
  const startTime = readTime(reader, 'debut');
  const endTime = readTime(reader, 'fin');
  const period = reader.choice('periode', OPENING_PERIODS) ?? 'school_term';
  const validFrom = readDate(reader, 'valide_du') ?? null;
  const validUntil = readDate(reader, 'valide_au') ?? null;
  if (startTime !== undefined && endTime !== undefined && !(endTime > startTime || endTime === '00:00'))
    return reader.fail('fin', 'l’heure de fin doit suivre l’heure de début (00:00 pour minuit)');
  if (validFrom !== null && validUntil !== null && validUntil < validFrom)
    return reader.fail('valide_au', 'la fin de validité doit suivre le début');
  if (!key || !weekdays || startTime === undefined || endTime === undefined) return undefined;
  return { line: reader.line, key, rule: { weekdays, startTime, endTime, period, validFrom, validUntil } };
}

function readWeekdays(reader: RowReader): number[] | undefined {
  const labels = reader.list('jours', { maxItems: 7, maxLength: 10 });
  if (labels === undefined) return reader.fail('jours', 'valeur obligatoire manquante');
  const days = new Set<number>();
  for (const label of labels) {
    const day = WEEKDAYS.get(label.toLowerCase());
    if (day === undefined)
      return reader.fail(
        'jours',
        `jour inconnu «\u00a0${label}\u00a0» (lundi à dimanche, séparés par «\u00a0|\u00a0»)`,
      );
    days.add(day);
  }
  return days.size ? [...days].sort((a, b) => a - b) : reader.fail('jours', 'indiquez au moins un jour');
}

/** `18:00`, `18h`, `18h30` or `8:30`, as people type them; stored `HH:MM`. */
function readTime(reader: RowReader, field: string): string | undefined {
  const value = reader.text(field, { required: true, max: 8 });
  if (value === undefined) return undefined;
  const match = /^(\d{1,2})\s*[:hH]\s*(\d{2})?(?::00)?$/.exec(value.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2] ?? '0');
  if (!match || hours > 23 || minutes > 59)
    return reader.fail(field, `heure attendue (par exemple 18:30), reçu «\u00a0${value}\u00a0»`);
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** `31/08/2027` (what French spreadsheets write) or `2027-08-31`; stored `YYYY-MM-DD`. */
function readDate(reader: RowReader, field: string): string | undefined {
  const value = reader.text(field, { max: 10 });
  if (value === undefined) return undefined;
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = french
    ? `${french[3]}-${french[2]?.padStart(2, '0')}-${french[1]?.padStart(2, '0')}`
    : /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? value
      : undefined;
  const time = iso === undefined ? Number.NaN : Date.parse(`${iso}T00:00:00Z`);
  // Date.parse rolls 31/02 over to March: the date must read back the same.
  const valid = iso !== undefined && !Number.isNaN(time) && new Date(time).toISOString().startsWith(iso);
  return valid ? iso : reader.fail(field, `date attendue (par exemple 31/08/2027), reçu «\u00a0${value}\u00a0»`);
}

const frenchDateCell = (date: string | null) => (date === null ? '' : date.split('-').reverse().join('/'));

export function openingRuleCells(rule: OpeningRuleRecord): string[] {
  return [
    rule.weekdays.map((day) => WEEKDAY_NAMES[day - 1] ?? String(day)).join('|'),
    rule.startTime,
    rule.endTime,
    labelOf(OPENING_PERIODS, rule.period),
    frenchDateCell(rule.validFrom),
    frenchDateCell(rule.validUntil),
  ];
}

/** One text per rule, equal for equal rules: what an import compares to tell a change. */
export const ruleFingerprint = (rule: OpeningRuleRecord) =>
  [rule.weekdays.join(','), rule.startTime, rule.endTime, rule.period, rule.validFrom, rule.validUntil].join('|');
