import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CsvImport, CsvImportKind } from '@salle/contracts';
import { recordAudits, type AuditRecord } from '@salle/db';
import type { Access } from '../access/access';
import { staffActor } from '../audit/audit-journal';

/** The action each kind of import records. */
const IMPORT_AUDIT: Record<CsvImportKind, { action: string }> = {
  establishments: { action: 'import.establishments' },
  spaces: { action: 'import.spaces' },
  opening_rules: { action: 'import.opening_rules' },
  tariffs: { action: 'import.tariffs' },
};

/** What an import changed in one collège (or, `null`, in the catalogue as a whole: the establishments file). */
export interface ImportTally {
  created: number;
  updated: number;
  /** Opening rules and tariffs only: those of the named spaces that the file no longer lists. */
  removed?: number;
}

/** Adds one space's (or line's) counts to its collège's tally. */
export function tally(
  tallies: Map<string | null, ImportTally>,
  establishmentId: string | null,
  counts: Partial<ImportTally>,
): void {
  const current = tallies.get(establishmentId) ?? { created: 0, updated: 0 };
  tallies.set(establishmentId, {
    created: current.created + (counts.created ?? 0),
    updated: current.updated + (counts.updated ?? 0),
    ...(counts.removed === undefined && current.removed === undefined
      ? {}
      : { removed: (current.removed ?? 0) + (counts.removed ?? 0) }),
  });
}

/** The SHA-256 of the file as sent: its bytes (base64) or its text in UTF-8. */
export function importedFileSha256(input: CsvImport): string {
  const bytes = input.csvBase64 !== undefined ? Buffer.from(input.csvBase64, 'base64') : Buffer.from(input.csv ?? '');
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Records an import that changed something, in its transaction: one entry per collège it changed (so that each
 * collège's managers find it under their collège), with the counts, the file's SHA-256 (the entry's object) and
 * name, never its content. A dry run, or a file that changes nothing, records nothing.
 */
export async function recordImport(
  manager: EntityManager,
  kind: CsvImportKind,
  input: CsvImport,
  access: Access,
  tallies: ReadonlyMap<string | null, ImportTally>,
): Promise<void> {
  if (input.dryRun) return;
  const sha256 = importedFileSha256(input);
  const records: AuditRecord[] = [];
  for (const [establishmentId, counts] of tallies) {
    if (counts.created + counts.updated + (counts.removed ?? 0) === 0) continue;
    const after = (value: unknown) => ({ before: null, after: value });
    records.push({
      actor: staffActor(access),
      action: IMPORT_AUDIT[kind].action,
      object: { type: 'csv_file', id: sha256 },
      establishmentId,
      changes: {
        fileName: after(input.fileName ?? null),
        created: after(counts.created),
        updated: after(counts.updated),
        ...(counts.removed === undefined ? {} : { removed: after(counts.removed) }),
      },
    });
  }
  await recordAudits(manager, 'booking', records);
}
