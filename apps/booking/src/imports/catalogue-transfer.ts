import type { DataSource, EntityManager } from 'typeorm';
import type { CsvImport, CsvImportReport, CsvLineError } from '@salle/contracts';
import { writeCsv } from '@salle/csv';
import type { Access } from '../access/access';
import { SpaceAvailability } from '../availability/space-availability';
import type { CsvFile } from './csv-download';
import { recordImport, tally, type ImportTally } from './import-audit';
import { flagDuplicates, headerErrors, importRejected, lockImports, readFile, report } from './import-checks';
import {
  ESTABLISHMENT_COLUMNS,
  ESTABLISHMENT_REQUIRED_COLUMNS,
  establishmentCells,
  mergeEstablishment,
  readEstablishmentLine,
  type EstablishmentLine,
  type EstablishmentRecord,
} from './establishment-csv';
import { territoryErrors } from './establishment-territory';
import { RowReader } from './row-reader';
import {
  mergeSpace,
  readSpaceLine,
  SPACE_COLUMNS,
  SPACE_REQUIRED_COLUMNS,
  spaceCells,
  type SpaceRecord,
} from './space-csv';

const ESTABLISHMENT_SELECT = `
  SELECT uai, name, siret, address, postal_code AS "postalCode", commune_name AS "communeName",
         commune_insee AS "communeInsee", latitude, longitude, school_zone AS "schoolZone",
         contact_email AS "contactEmail", contact_phone AS "contactPhone", status
  FROM booking.establishment`;

const SPACE_SELECT = `
  SELECT s.id, e.uai, s.name, s.kind, s.capacity, s.area_m2 AS "areaM2", s.equipment,
         s.step_free_access AS "stepFreeAccess", s.description, s.buffer_minutes AS "bufferMinutes",
         s.min_duration_minutes AS "minDurationMinutes", s.max_duration_minutes AS "maxDurationMinutes",
         s.min_notice_hours AS "minNoticeHours", s.max_horizon_days AS "maxHorizonDays",
         s.approval_required AS "approvalRequired", s.allowed_categories AS "allowedCategories",
         s.closed_on_public_holidays AS "closedOnPublicHolidays", s.active
  FROM booking.space s JOIN booking.establishment e ON e.id = s.establishment_id`;

type StoredSpace = SpaceRecord & { id: string };

const sameEstablishment = (a: EstablishmentRecord, b: EstablishmentRecord) =>
  (Object.keys(a) as (keyof EstablishmentRecord)[]).every((key) => a[key] === b[key]);

const sameSpace = (a: SpaceRecord, b: SpaceRecord) =>
  (Object.keys(a) as (keyof SpaceRecord)[]).every((key) => {
    const left = a[key];
    const right = b[key];
    return Array.isArray(left) && Array.isArray(right) ? left.join('\u0000') === right.join('\u0000') : left === right;
  });

/**
 * CSV import and export of the catalogue (establishments and spaces) for
 * département admins. An import is all or nothing: every line is checked,
 * every problem reported with its line and column, and nothing is written
 * unless the whole file is valid; writing happens in one transaction.
 * Re-importing a file changes nothing (upsert by UAI, and by UAI and space
 * name).
 */
export class CatalogueTransfer {
  constructor(private readonly dataSource: DataSource) {}

  async importEstablishments(input: CsvImport, access: Access): Promise<CsvImportReport> {
    access.requireAdmin();
    const parsed = readFile(input);
    const errors = headerErrors(parsed, ESTABLISHMENT_COLUMNS, ESTABLISHMENT_REQUIRED_COLUMNS);
    if (errors.length) throw importRejected(errors);
    errors.push(...parsed.errors);
    const lines = parsed.rows
      .map((row) => readEstablishmentLine(new RowReader(row, errors)))
      .filter((line) => line !== undefined);
    for (const line of lines) errors.push(...territoryErrors(line));
    flagDuplicates(lines, (line) => line.uai, 'uai', 'ce code UAI est', errors);
    flagDuplicates(lines, (line) => line.siret, 'siret', 'ce SIRET est', errors);

    return this.dataSource.transaction(async (manager) => {
      await lockImports(manager);
      const uais = lines.map((line) => line.uai);
      const stored = (await manager.query(`${ESTABLISHMENT_SELECT} WHERE uai = ANY($1)`, [
        uais,
      ])) as EstablishmentRecord[];
      const byUai = new Map(stored.map((record) => [record.uai, record]));
      await this.checkSiretOwners(manager, lines, errors);
      if (errors.length) throw importRejected(errors);

      const created: EstablishmentRecord[] = [];
      const updated: EstablishmentRecord[] = [];
      for (const line of lines) {
        const existing = byUai.get(line.uai);
        const merged = mergeEstablishment(line, existing);
        if (!existing) created.push(merged);
        else if (!sameEstablishment(merged, existing)) updated.push(merged);
      }
      if (!input.dryRun) {
        await insertEstablishments(manager, created);
        await updateEstablishments(manager, updated);
        await refreshAvailability(
          manager,
          updated.map((record) => record.uai),
        );
        // The département's catalogue as a whole: one entry, under no collège.
        const tallies = new Map<string | null, ImportTally>();
        tally(tallies, null, { created: created.length, updated: updated.length });
        await recordImport(manager, 'establishments', input, access, tallies);
      }
      return report('establishments', input.dryRun, lines.length, created.length, updated.length);
    });
  }

  async importSpaces(input: CsvImport, access: Access): Promise<CsvImportReport> {
    access.requireAdmin();
    const parsed = readFile(input);
    const errors = headerErrors(parsed, SPACE_COLUMNS, SPACE_REQUIRED_COLUMNS);
    if (errors.length) throw importRejected(errors);
    errors.push(...parsed.errors);
    const lines = parsed.rows
      .map((row) => readSpaceLine(new RowReader(row, errors)))
      .filter((line) => line !== undefined);
    flagDuplicates(
      lines,
      (line) => `${line.uai}\u0000${line.name}`,
      'nom',
      'un espace de ce nom dans ce collège est',
      errors,
    );

    return this.dataSource.transaction(async (manager) => {
      await lockImports(manager);
      const uais = [...new Set(lines.map((line) => line.uai))];
      const establishments = (await manager.query(`SELECT id, uai FROM booking.establishment WHERE uai = ANY($1)`, [
        uais,
      ])) as {
        id: string;
        uai: string;
      }[];
      const establishmentIds = new Map(establishments.map((row) => [row.uai, row.id]));
      const stored = (await manager.query(`${SPACE_SELECT} WHERE e.uai = ANY($1)`, [uais])) as StoredSpace[];
      const byKey = new Map<string, StoredSpace[]>();
      for (const space of stored) {
        const key = `${space.uai}\u0000${space.name}`;
        byKey.set(key, [...(byKey.get(key) ?? []), space]);
      }

      const created: (SpaceRecord & { establishmentId: string })[] = [];
      const updated: StoredSpace[] = [];
      for (const line of lines) {
        const establishmentId = establishmentIds.get(line.uai);
        if (!establishmentId) {
          errors.push({
            line: line.line,
            field: 'uai',
            message: 'aucun établissement n’a ce code UAI\u00a0: importez d’abord le fichier des établissements',
          });
          continue;
        }
        const matches = byKey.get(`${line.uai}\u0000${line.name}`) ?? [];
        if (matches.length > 1) {
          errors.push({
            line: line.line,
            field: 'nom',
            message: 'plusieurs espaces de ce collège portent déjà ce nom\u00a0: renommez-les avant d’importer',
          });
          continue;
        }
        const existing = matches[0];
        const merged = mergeSpace(line, existing);
        if (merged.maxDurationMinutes < merged.minDurationMinutes) {
          errors.push({
            line: line.line,
            field: 'duree_max_minutes',
            message: 'la durée maximale doit être au moins égale à la durée minimale',
          });
          continue;
        }
        if (!existing) created.push({ ...merged, establishmentId });
        else if (!sameSpace(merged, existing)) updated.push({ ...merged, id: existing.id });
      }
      if (errors.length) throw importRejected(errors);
      if (!input.dryRun) {
        await insertSpaces(manager, created);
        await updateSpaces(manager, updated);
        await refreshAvailability(manager, uais);
        const tallies = new Map<string | null, ImportTally>();
        for (const space of created) tally(tallies, space.establishmentId, { created: 1 });
        for (const space of updated) tally(tallies, establishmentIds.get(space.uai) ?? null, { updated: 1 });
        await recordImport(manager, 'spaces', input, access, tallies);
      }
      return report('spaces', input.dryRun, lines.length, created.length, updated.length);
    });
  }

  async exportEstablishments(access: Access): Promise<CsvFile> {
    access.requireAdmin();
    const records = (await this.dataSource.query(`${ESTABLISHMENT_SELECT} ORDER BY uai`)) as EstablishmentRecord[];
    return {
      filename: 'etablissements.csv',
      content: writeCsv(ESTABLISHMENT_COLUMNS, records.map(establishmentCells)),
    };
  }

  async exportSpaces(access: Access): Promise<CsvFile> {
    access.requireAdmin();
    const records = (await this.dataSource.query(`${SPACE_SELECT} ORDER BY e.uai, s.name, s.id`)) as StoredSpace[];
    return { filename: 'espaces.csv', content: writeCsv(SPACE_COLUMNS, records.map(spaceCells)) };
  }

  /** A SIRET already carried by another collège would be refused by the unique constraint: say which line. */
  private async checkSiretOwners(manager: EntityManager, lines: EstablishmentLine[], errors: CsvLineError[]) {
    const withSiret = lines.filter((line) => line.siret !== undefined);
    if (withSiret.length === 0) return;
    const owners = (await manager.query(`SELECT uai, siret FROM booking.establishment WHERE siret = ANY($1)`, [
      withSiret.map((line) => line.siret),
    ])) as { uai: string; siret: string }[];
    const ownerOf = new Map(owners.map((owner) => [owner.siret, owner.uai]));
    for (const line of withSiret) {
      const owner = ownerOf.get(line.siret as string);
      if (owner !== undefined && owner !== line.uai) {
        errors.push({
          line: line.line,
          field: 'siret',
          message: `ce SIRET est déjà celui de l’établissement ${owner}`,
        });
      }
    }
  }
}

/** Recomputes the opening windows that the import made stale (school zone, public holidays, horizon). */
async function refreshAvailability(manager: EntityManager, uais: string[]): Promise<void> {
  if (uais.length === 0) return;
  const rows = (await manager.query(`SELECT id FROM booking.establishment WHERE uai = ANY($1)`, [uais])) as {
    id: string;
  }[];
  await new SpaceAvailability().refresh(manager, { establishmentIds: rows.map((row) => row.id) });
}

// Set-based writes: one statement per kind of change, whatever the file's size.

async function insertEstablishments(manager: EntityManager, records: EstablishmentRecord[]) {
  if (records.length === 0) return;
  await manager.query(
    `INSERT INTO booking.establishment (uai, name, siret, address, postal_code, commune_name, commune_insee, latitude, longitude,
                                        school_zone, contact_email, contact_phone, status)
     SELECT r."uai", r."name", r."siret", r."address", r."postalCode", r."communeName", r."communeInsee", r."latitude", r."longitude",
            r."schoolZone", r."contactEmail", r."contactPhone", r."status"
     FROM jsonb_to_recordset($1::jsonb) AS r("uai" text, "name" text, "siret" text, "address" text, "postalCode" text,
          "communeName" text, "communeInsee" text, "latitude" double precision, "longitude" double precision, "schoolZone" text,
          "contactEmail" text, "contactPhone" text, "status" text)`,
    [JSON.stringify(records)],
  );
}

async function updateEstablishments(manager: EntityManager, records: EstablishmentRecord[]) {
  if (records.length === 0) return;
  await manager.query(
    `UPDATE booking.establishment e
     SET name = r."name", siret = r."siret", address = r."address", postal_code = r."postalCode", commune_name = r."communeName",
         commune_insee = r."communeInsee", latitude = r."latitude", longitude = r."longitude", school_zone = r."schoolZone",
         contact_email = r."contactEmail", contact_phone = r."contactPhone", status = r."status", updated_at = now()
     FROM jsonb_to_recordset($1::jsonb) AS r("uai" text, "name" text, "siret" text, "address" text, "postalCode" text,
          "communeName" text, "communeInsee" text, "latitude" double precision, "longitude" double precision, "schoolZone" text,
          "contactEmail" text, "contactPhone" text, "status" text)
     WHERE e.uai = r."uai"`,
    [JSON.stringify(records)],
  );
}

const SPACE_RECORDSET = `"name" text, "kind" text, "capacity" integer, "areaM2" integer, "equipment" text[], "stepFreeAccess" boolean,
  "description" text, "bufferMinutes" integer, "minDurationMinutes" integer, "maxDurationMinutes" integer, "minNoticeHours" integer,
  "maxHorizonDays" integer, "approvalRequired" boolean, "allowedCategories" text[], "closedOnPublicHolidays" boolean, "active" boolean`;

async function insertSpaces(manager: EntityManager, records: (SpaceRecord & { establishmentId: string })[]) {
  if (records.length === 0) return;
  await manager.query(
    `INSERT INTO booking.space (establishment_id, name, kind, capacity, area_m2, equipment, step_free_access, description, buffer_minutes,
                                min_duration_minutes, max_duration_minutes, min_notice_hours, max_horizon_days, approval_required,
                                allowed_categories, closed_on_public_holidays, active)
     SELECT r."establishmentId", r."name", r."kind", r."capacity", r."areaM2", r."equipment", r."stepFreeAccess", r."description",
            r."bufferMinutes", r."minDurationMinutes", r."maxDurationMinutes", r."minNoticeHours", r."maxHorizonDays",
            r."approvalRequired", r."allowedCategories", r."closedOnPublicHolidays", r."active"
     FROM jsonb_to_recordset($1::jsonb) AS r("establishmentId" uuid, ${SPACE_RECORDSET})`,
    [JSON.stringify(records)],
  );
}

async function updateSpaces(manager: EntityManager, records: StoredSpace[]) {
  if (records.length === 0) return;
  await manager.query(
    `UPDATE booking.space s
     SET kind = r."kind", capacity = r."capacity", area_m2 = r."areaM2", equipment = r."equipment", step_free_access = r."stepFreeAccess",
         description = r."description", buffer_minutes = r."bufferMinutes", min_duration_minutes = r."minDurationMinutes",
         max_duration_minutes = r."maxDurationMinutes", min_notice_hours = r."minNoticeHours", max_horizon_days = r."maxHorizonDays",
         approval_required = r."approvalRequired", allowed_categories = r."allowedCategories",
         closed_on_public_holidays = r."closedOnPublicHolidays", active = r."active", updated_at = now()
     FROM jsonb_to_recordset($1::jsonb) AS r("id" uuid, ${SPACE_RECORDSET})
     WHERE s.id = r."id"`,
    [JSON.stringify(records)],
  );
}
