import type { DataSource, EntityManager } from 'typeorm';
import type { CsvImport, CsvImportReport, CsvLineError } from '@salle/contracts';
import { writeCsv } from '@salle/csv';
import type { Access } from '../access/access';
import { SpaceAvailability } from '../availability/space-availability';
import type { CsvFile } from './csv-download';
import { recordImport, tally, type ImportTally } from './import-audit';
import { flagDuplicates, headerErrors, importRejected, lockImports, readFile, report } from './import-checks';
import {
  MAX_RULES_PER_SPACE,
  OPENING_RULE_COLUMNS,
  OPENING_RULE_REQUIRED_COLUMNS,
  openingRuleCells,
  readOpeningRuleLine,
  ruleFingerprint,
  type OpeningRuleRecord,
} from './opening-rule-csv';
import { RowReader } from './row-reader';
import { managedSpacesFilter, SpaceResolver, spaceKeyCells, type KeyedSpace, type SpaceKey } from './space-key';
import {
  readTariffLine,
  sameTariff,
  TARIFF_COLUMNS,
  TARIFF_REQUIRED_COLUMNS,
  tariffCells,
  type TariffRecord,
} from './tariff-csv';

const SPACE_KEY_SELECT = `s.id AS "spaceId", s.establishment_id AS "establishmentId", e.uai, s.name`;

const RULE_SELECT = `
  SELECT ${SPACE_KEY_SELECT}, r.weekdays, to_char(r.start_time, 'HH24:MI') AS "startTime",
         to_char(r.end_time, 'HH24:MI') AS "endTime", r.period, r.valid_from::text AS "validFrom",
         r.valid_until::text AS "validUntil"
  FROM booking.opening_rule r JOIN booking.space s ON s.id = r.space_id JOIN booking.establishment e ON e.id = s.establishment_id`;

const TARIFF_SELECT = `
  SELECT ${SPACE_KEY_SELECT}, t.category, t.hourly_cents AS "hourlyCents", t.half_day_cents AS "halfDayCents",
         t.day_cents AS "dayCents", t.deposit_cents AS "depositCents"
  FROM booking.tariff t JOIN booking.space s ON s.id = t.space_id JOIN booking.establishment e ON e.id = s.establishment_id`;

type Stored<T> = T & { spaceId: string; establishmentId: string; uai: string; name: string };

/** What a file says about one space: the whole list of its rules or tariffs. */
interface SpaceList<T> {
  space: KeyedSpace;
  items: T[];
}

/**
 * CSV import and export of the opening rules and tariffs of many spaces at
 * once (admins: every space; managers: their collèges'). Each space the file
 * names gets exactly the file's rules (or tariffs), as the catalogue's
 * per-space replace does; spaces it does not name keep theirs. All or
 * nothing, in one transaction, errors per line; an unchanged space is not
 * written, and the opening windows of the changed ones are recomputed.
 */
export class SpaceRulesTransfer {
  constructor(private readonly dataSource: DataSource) {}

  async importOpeningRules(input: CsvImport, access: Access): Promise<CsvImportReport> {
    access.requireSomeManagement();
    const { lines, errors } = readLines(
      input,
      OPENING_RULE_COLUMNS,
      OPENING_RULE_REQUIRED_COLUMNS,
      readOpeningRuleLine,
    );
    return this.dataSource.transaction(async (manager) => {
      await lockImports(manager);
      const lists = await groupBySpace(manager, lines, access, errors, (line) => line.rule);
      for (const list of lists.values()) tooManyRules(list, errors);
      if (errors.length) throw importRejected(errors);
      const stored = await storedBySpace<OpeningRuleRecord>(manager, RULE_SELECT, [...lists.keys()]);
      const counts = { created: 0, removed: 0 };
      const changed: SpaceList<OpeningRuleRecord>[] = [];
      const tallies = new Map<string | null, ImportTally>();
      for (const [spaceId, list] of lists) {
        const diff = ruleDifference(list.items, stored.get(spaceId) ?? []);
        counts.created += diff.created;
        counts.removed += diff.removed;
        tally(tallies, list.space.establishmentId, { ...diff, updated: 0 });
        if (diff.created || diff.removed) changed.push(list);
      }
      if (!input.dryRun && changed.length) {
        await replaceRules(manager, changed);
        await new SpaceAvailability().refresh(manager, { spaceIds: changed.map((list) => list.space.id) });
        await recordImport(manager, 'opening_rules', input, access, tallies);
      }
      return report('opening_rules', input.dryRun, lines.length, counts.created, 0, counts.removed);
    });
  }

  async importTariffs(input: CsvImport, access: Access): Promise<CsvImportReport> {
    access.requireSomeManagement();
    const { lines, errors } = readLines(input, TARIFF_COLUMNS, TARIFF_REQUIRED_COLUMNS, readTariffLine);
    return this.dataSource.transaction(async (manager) => {
      await lockImports(manager);
      const lists = await groupBySpace(manager, lines, access, errors, (line) => line.tariff);
      for (const list of lists.values()) duplicateCategories(list, errors);
      if (errors.length) throw importRejected(errors);
      const stored = await storedBySpace<TariffRecord>(manager, TARIFF_SELECT, [...lists.keys()]);
      const counts = { created: 0, updated: 0, removed: 0 };
      const changed: SpaceList<TariffRecord>[] = [];
      const tallies = new Map<string | null, ImportTally>();
      for (const [spaceId, list] of lists) {
        const diff = tariffDifference(list.items, stored.get(spaceId) ?? []);
        counts.created += diff.created;
        counts.updated += diff.updated;
        counts.removed += diff.removed;
        tally(tallies, list.space.establishmentId, diff);
        if (diff.created || diff.updated || diff.removed) changed.push(list);
      }
      if (!input.dryRun && changed.length) {
        await replaceTariffs(manager, changed);
        await recordImport(manager, 'tariffs', input, access, tallies);
      }
      return report('tariffs', input.dryRun, lines.length, counts.created, counts.updated, counts.removed);
    });
  }

  async exportOpeningRules(access: Access): Promise<CsvFile> {
    const filter = managedSpacesFilter(access);
    const rows = (await this.dataSource.query(
      `${RULE_SELECT} WHERE ${filter.where}
       ORDER BY e.uai, s.name, s.id, r.weekdays, r.start_time, r.end_time, r.period, r.valid_from, r.valid_until, r.id`,
      filter.params,
    )) as Stored<OpeningRuleRecord>[];
    const cells = rows.map((row) => [...spaceKeyCells(keyed(row)), ...openingRuleCells(row)]);
    return { filename: 'regles-ouverture.csv', content: writeCsv(OPENING_RULE_COLUMNS, cells) };
  }

  async exportTariffs(access: Access): Promise<CsvFile> {
    const filter = managedSpacesFilter(access);
    const rows = (await this.dataSource.query(
      `${TARIFF_SELECT} WHERE ${filter.where} ORDER BY e.uai, s.name, s.id, t.category`,
      filter.params,
    )) as Stored<TariffRecord>[];
    const cells = rows.map((row) => [...spaceKeyCells(keyed(row)), ...tariffCells(row)]);
    return { filename: 'tarifs.csv', content: writeCsv(TARIFF_COLUMNS, cells) };
  }
}

const keyed = (row: Stored<unknown>): KeyedSpace => ({
  id: row.spaceId,
  establishmentId: row.establishmentId,
  uai: row.uai,
  name: row.name,
});

/** Parses the file and its lines, collecting every header and cell error. */
function readLines<T>(
  input: CsvImport,
  columns: readonly string[],
  required: readonly string[],
  readLine: (reader: RowReader) => T | undefined,
): { lines: NonNullable<T>[]; errors: CsvLineError[] } {
  const parsed = readFile(input);
  const errors = headerErrors(parsed, columns, required);
  if (errors.length) throw importRejected(errors);
  errors.push(...parsed.errors);
  const lines = parsed.rows
    .map((row) => readLine(new RowReader(row, errors)))
    .filter((line): line is NonNullable<T> => line !== undefined && line !== null);
  return { lines, errors };
}

/** The file's lines per space (in file order), each space resolved and checked against the caller's access. */
async function groupBySpace<L extends { line: number; key: SpaceKey }, T>(
  manager: EntityManager,
  lines: L[],
  access: Access,
  errors: CsvLineError[],
  item: (line: L) => T,
): Promise<Map<string, SpaceList<T> & { lines: number[] }>> {
  const resolver = await SpaceResolver.load(
    manager,
    lines.map((line) => line.key),
    access,
  );
  const lists = new Map<string, SpaceList<T> & { lines: number[] }>();
  for (const line of lines) {
    const space = resolver.resolve(line.line, line.key, errors);
    if (!space) continue;
    const list = lists.get(space.id) ?? { space, items: [], lines: [] };
    list.items.push(item(line));
    list.lines.push(line.line);
    lists.set(space.id, list);
  }
  return lists;
}

function tooManyRules(list: { lines: number[] }, errors: CsvLineError[]) {
  const extra = list.lines[MAX_RULES_PER_SPACE];
  if (extra !== undefined)
    errors.push({
      line: extra,
      field: 'jours',
      message: `${MAX_RULES_PER_SPACE} règles d’ouverture au plus par espace`,
    });
}

function duplicateCategories(list: SpaceList<TariffRecord> & { lines: number[] }, errors: CsvLineError[]) {
  const lines = list.items.map((tariff, index) => ({ line: list.lines[index] ?? 0, category: tariff.category }));
  flagDuplicates(
    lines,
    (line) => line.category,
    'categorie',
    'un tarif de cette catégorie pour cet espace est',
    errors,
  );
}

async function storedBySpace<T>(manager: EntityManager, select: string, spaceIds: string[]): Promise<Map<string, T[]>> {
  const rows = (await manager.query(`${select} WHERE s.id = ANY($1::uuid[])`, [spaceIds])) as Stored<T>[];
  const bySpace = new Map<string, T[]>();
  for (const row of rows) bySpace.set(row.spaceId, [...(bySpace.get(row.spaceId) ?? []), row]);
  return bySpace;
}

/** Rules have no key: a line equal to a stored rule is unchanged, others are new, unmatched stored rules go. */
function ruleDifference(wanted: OpeningRuleRecord[], stored: OpeningRuleRecord[]) {
  const left = new Map<string, number>();
  for (const rule of stored) left.set(ruleFingerprint(rule), (left.get(ruleFingerprint(rule)) ?? 0) + 1);
  let created = 0;
  for (const rule of wanted) {
    const remaining = left.get(ruleFingerprint(rule)) ?? 0;
    if (remaining > 0) left.set(ruleFingerprint(rule), remaining - 1);
    else created += 1;
  }
  return { created, removed: [...left.values()].reduce((sum, count) => sum + count, 0) };
}

/** Tariffs are keyed by category. */
function tariffDifference(wanted: TariffRecord[], stored: TariffRecord[]) {
  const byCategory = new Map(stored.map((tariff) => [tariff.category, tariff]));
  let created = 0;
  let updated = 0;
  for (const tariff of wanted) {
    const existing = byCategory.get(tariff.category);
    if (!existing) created += 1;
    else if (!sameTariff(tariff, existing)) updated += 1;
  }
  const wantedCategories = new Set(wanted.map((tariff) => tariff.category));
  const removed = stored.filter((tariff) => !wantedCategories.has(tariff.category)).length;
  return { created, updated, removed };
}

// Set-based writes: one delete and one insert for all the changed spaces, whatever the file's size.

async function replaceRules(manager: EntityManager, lists: SpaceList<OpeningRuleRecord>[]) {
  const spaceIds = lists.map((list) => list.space.id);
  await manager.query(`DELETE FROM booking.opening_rule WHERE space_id = ANY($1::uuid[])`, [spaceIds]);
  const rows = lists.flatMap((list) => list.items.map((rule) => ({ ...rule, spaceId: list.space.id })));
  await manager.query(
    `INSERT INTO booking.opening_rule (space_id, weekdays, start_time, end_time, period, valid_from, valid_until)
     SELECT r."spaceId", r."weekdays", r."startTime", r."endTime", r."period", r."validFrom", r."validUntil"
     FROM jsonb_to_recordset($1::jsonb) AS r("spaceId" uuid, "weekdays" smallint[], "startTime" time, "endTime" time,
          "period" text, "validFrom" date, "validUntil" date)`,
    [JSON.stringify(rows)],
  );
}

async function replaceTariffs(manager: EntityManager, lists: SpaceList<TariffRecord>[]) {
  const spaceIds = lists.map((list) => list.space.id);
  await manager.query(`DELETE FROM booking.tariff WHERE space_id = ANY($1::uuid[])`, [spaceIds]);
  const rows = lists.flatMap((list) => list.items.map((tariff) => ({ ...tariff, spaceId: list.space.id })));
  await manager.query(
    `INSERT INTO booking.tariff (space_id, category, hourly_cents, half_day_cents, day_cents, deposit_cents)
     SELECT r."spaceId", r."category", r."hourlyCents", r."halfDayCents", r."dayCents", r."depositCents"
     FROM jsonb_to_recordset($1::jsonb) AS r("spaceId" uuid, "category" text, "hourlyCents" integer,
          "halfDayCents" integer, "dayCents" integer, "depositCents" integer)`,
    [JSON.stringify(rows)],
  );
}
