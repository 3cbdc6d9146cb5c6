import type { AuditChanges, AuditEntry, AuditPage, AuditQuery, AuditService } from '@salle/contracts';
import { decodeAuditCursor, encodeAuditCursor } from '@salle/contracts';
import type { Queryable } from './typed-query';

/**
 * Each service's audit log: one `<schema>.audit_log` table of the same shape in every service, written by
 * `recordAudit` inside the transaction of the change it records, read by `listAudit` page by page in the merged
 * order (newest first) so that the gateway can merge the services' pages. The table's DDL is `auditLogTableSql`,
 * which each service's migration runs once.
 */
export interface AuditRecord {
  actor: {
    accountId: string | null;
    /**
     * `department_admin`, `establishment_manager`, `organisation_owner`, `organisation_member`, `account_holder`,
     * `system`, `provider`.
     */
    role: string;
    /** The organisation a staff member acted for. */
    onBehalfOf?: string | null;
  };
  /** A stable code declared in `AUDITED_OPERATIONS` (contracts): `space.updated`, `flag.resolved`… */
  action: string;
  object: { type: string; id: string };
  establishmentId?: string | null;
  organisationId?: string | null;
  /** The changed fields, before and after: ids, statuses, amounts, never a name, e-mail address or phone number. */
  changes?: AuditChanges;
}

/** The table every service creates in its schema (the migration's SQL, kept here once). */
export function auditLogTableSql(schema: string): string[] {
  return [
    `CREATE TABLE ${schema}.audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
      actor_account_id uuid,
      actor_role text NOT NULL,
      on_behalf_of uuid,
      action text NOT NULL,
      object_type text NOT NULL,
      object_id text NOT NULL,
      establishment_id uuid,
      organisation_id uuid,
      changes jsonb NOT NULL DEFAULT '{}'::jsonb
    )`,
    `CREATE INDEX audit_log_order_idx ON ${schema}.audit_log (at DESC, id DESC)`,
    `CREATE INDEX audit_log_establishment_idx ON ${schema}.audit_log (establishment_id, at DESC)`,
  ];
}

/** The columns an entry sets, in the order of `auditValues` (the others take their defaults). */
const AUDIT_COLUMNS = `(actor_account_id, actor_role, on_behalf_of, action, object_type, object_id, establishment_id,
   organisation_id, changes)`;
const AUDIT_WIDTH = 9;

function auditValues(record: AuditRecord): unknown[] {
  return [
    record.actor.accountId,
    record.actor.role,
    record.actor.onBehalfOf ?? null,
    record.action,
    record.object.type,
    record.object.id,
    record.establishmentId ?? null,
    record.organisationId ?? null,
    JSON.stringify(record.changes ?? {}),
  ];
}

/** Records one change in the caller's transaction: it commits with the change or not at all. */
export async function recordAudit(db: Queryable, schema: string, record: AuditRecord): Promise<void> {
  await recordAudits(db, schema, [record]);
}

/** Records several entries of one change (an import touching many collèges) in one statement, in the caller's transaction. */
export async function recordAudits(db: Queryable, schema: string, records: readonly AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((_record, row) => {
    const at = (column: number) => `$${row * AUDIT_WIDTH + column + 1}`;
    const plain = Array.from({ length: AUDIT_WIDTH - 1 }, (_cell, column) => at(column));
    return `(${plain.join(', ')}, ${at(AUDIT_WIDTH - 1)}::jsonb)`;
  });
  await db.query(
    `INSERT INTO ${schema}.audit_log ${AUDIT_COLUMNS} VALUES ${rows.join(', ')}`,
    records.flatMap(auditValues),
  );
}

/**
 * An entry written by the statement of the change itself, so that a hot path pays no extra round trip: the
 * data-modifying CTE to put beside the change's own `WITH … AS (INSERT … RETURNING *)`. `select` reads that CTE
 * and yields, in order, the actor's account id and role, the organisation acted for, the action, the object's
 * type and id, the collège, the organisation and the changes (jsonb).
 */
export function auditInsertFrom(schema: string, select: string): string {
  return `INSERT INTO ${schema}.audit_log ${AUDIT_COLUMNS} ${select}`;
}

/** The fields of `fields` whose value differs between `before` and `after`, as an entry's `changes`. */
export function changedFields<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    const was = normalise(before[field]);
    const now = normalise(after[field]);
    if (JSON.stringify(was) !== JSON.stringify(now)) changes[field] = { before: was, after: now };
  }
  return changes;
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value === undefined ? null : value;
}

/** Who reads: an admin reads every entry, a collège's manager only those of the collèges they manage. */
export type AuditScope = { kind: 'all' } | { kind: 'establishments'; ids: readonly string[] };

/**
 * What a reader may see: an admin everything, a collège's manager their collèges' entries (and, asking for one
 * collège, only one of theirs). `forbidden` for anyone else, or a manager naming another collège.
 */
export function auditScopeOf(
  reader: { isAdmin: boolean; establishments: Iterable<string> },
  establishmentId: string | undefined,
): AuditScope | 'forbidden' {
  if (reader.isAdmin) return { kind: 'all' };
  const managed = [...reader.establishments];
  if (managed.length === 0) return 'forbidden';
  if (establishmentId && !managed.includes(establishmentId)) return 'forbidden';
  return { kind: 'establishments', ids: managed };
}

/**
 * One page of the log, newest first, in the merged order (instant, service, number, all descending), after the
 * cursor. `source` is the SQL of the rows to read, with the columns of `audit_log`; booking passes a union of its
 * older booking audit table. Asks one more row than the page to know whether another page follows.
 */
export async function listAudit(
  db: Queryable,
  service: AuditService,
  source: string,
  query: AuditQuery,
  scope: AuditScope,
): Promise<AuditPage> {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    parameters.push(value);
    conditions.push(condition(`$${parameters.length}`));
  };
  if (scope.kind === 'establishments') add((p) => `establishment_id = ANY(${p}::uuid[])`, scope.ids);
  if (query.from) add((p) => `at >= ${p}::timestamptz`, query.from);
  if (query.to) add((p) => `at < ${p}::timestamptz`, query.to);
  if (query.action) add((p) => `action = ${p}`, query.action);
  if (query.establishmentId) add((p) => `establishment_id = ${p}::uuid`, query.establishmentId);
  if (query.organisationId)
    add((p) => `(organisation_id = ${p}::uuid OR on_behalf_of = ${p}::uuid)`, query.organisationId);
  if (query.actorAccountId) add((p) => `actor_account_id = ${p}::uuid`, query.actorAccountId);
  const cursor = query.cursor ? decodeAuditCursor(query.cursor) : undefined;
  if (cursor) {
    // Rows strictly after the cursor in the merged order; this service's name takes part as a constant.
    parameters.push(cursor.at, cursor.service, cursor.id);
    const n = parameters.length;
    conditions.push(
      `(at, '${service}'::text COLLATE "C", id) < ($${n - 2}::timestamptz, $${n - 1}::text COLLATE "C", $${n}::bigint)`,
    );
  }
  parameters.push(query.limit + 1);
  const rows = (await db.query(
    `SELECT ${AUDIT_ROW_COLUMNS}
       FROM (${source}) AS entries
      ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY at DESC, id DESC
      LIMIT $${parameters.length}`,
    parameters,
  )) as AuditRow[];
  const items = rows.slice(0, query.limit).map((row) => auditEntryOf(service, row));
  const last = items.at(-1);
  return {
    items,
    ...(rows.length > query.limit && last ? { nextCursor: encodeAuditCursor(last) } : {}),
  };
}

const AUDIT_ROW_COLUMNS = `id::text AS id, at, actor_account_id, actor_role, on_behalf_of, action, object_type,
  object_id, establishment_id, organisation_id, changes`;

function auditEntryOf(service: AuditService, row: AuditRow): AuditEntry {
  return {
    id: `${service}:${row.id}`,
    at: new Date(row.at).toISOString(),
    service,
    action: row.action,
    actorAccountId: row.actor_account_id,
    actorRole: row.actor_role,
    onBehalfOf: row.on_behalf_of,
    objectType: row.object_type,
    objectId: row.object_id,
    establishmentId: row.establishment_id,
    organisationId: row.organisation_id,
    changes: row.changes ?? {},
  };
}

/**
 * The entries of one service's log that name an account (right of access, RGPD art. 15), oldest first: where it
 * acted, was the organisation acted for, was the object, or is named in the changes; exactly what
 * `eraseFromAuditLog` takes the account out of.
 */
export async function auditEntriesNaming(
  db: Queryable,
  service: AuditService,
  schema: string,
  accountId: string,
): Promise<AuditEntry[]> {
  const rows = (await db.query(
    `SELECT ${AUDIT_ROW_COLUMNS} FROM ${schema}.audit_log
      WHERE actor_account_id = $1 OR on_behalf_of = $1 OR object_id = $1::text
         OR strpos(changes::text, $1::text) > 0
      ORDER BY at, id`,
    [accountId],
  )) as AuditRow[];
  return rows.map((row) => auditEntryOf(service, row));
}

interface AuditRow {
  id: string;
  at: Date | string;
  actor_account_id: string | null;
  actor_role: string;
  on_behalf_of: string | null;
  action: string;
  object_type: string;
  object_id: string;
  establishment_id: string | null;
  organisation_id: string | null;
  changes: AuditChanges | null;
}

/**
 * An account's erasure in one service's log (RGPD art. 17): the entries stay, as the record of what was done,
 * without the account: as actor, as the organisation acted for, as the object and inside the changes.
 */
export async function eraseFromAuditLog(db: Queryable, schema: string, accountId: string): Promise<void> {
  await db.query(`UPDATE ${schema}.audit_log SET actor_account_id = NULL WHERE actor_account_id = $1`, [accountId]);
  await db.query(`UPDATE ${schema}.audit_log SET on_behalf_of = NULL WHERE on_behalf_of = $1`, [accountId]);
  await db.query(`UPDATE ${schema}.audit_log SET object_id = 'effacé' WHERE object_id = $1`, [accountId]);
  await db.query(
    `UPDATE ${schema}.audit_log SET changes = replace(changes::text, $1, 'effacé')::jsonb
      WHERE changes::text LIKE '%' || $1 || '%'`,
    [accountId],
  );
}

/** What a pseudonymised entry keeps in place of the account it had as its object. */
export const PSEUDONYMISED_ACCOUNT = 'pseudonymisé';

const PSEUDONYMISE_BATCH = 1_000;

/** Object types whose id is an account's: `membership` entries are about the member's account. */
const ACCOUNT_OBJECT_TYPES = `('account', 'membership')`;
/** An account id still in place (not already `effacé` by an erasure), the only object id replaced in the changes. */
const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/**
 * Retention of one audit table (`schema.table`): the entries recorded before `before` lose the account that
 * acted and, when their object is an account (a person's own preferences, a manager revoked, a member of an
 * organisation), that account too, both as columns and wherever the changes name them (a claim's `claimedBy`);
 * the action, its date, the collège and the rest of the changes stay, as the record of what was done.
 * `legacyShape` is booking's older `booking.audit_entry`, which has no object columns. Batches claimed with FOR UPDATE SKIP LOCKED, so that
 * replicas running it at once share the rows instead of waiting; idempotent (a pseudonymised entry is never claimed
 * again). The count of entries changed.
 */
export async function pseudonymiseAuditEntries(
  db: Queryable,
  table: string,
  before: Date,
  options: { legacyShape?: boolean; batch?: number } = {},
): Promise<number> {
  const due = options.legacyShape
    ? 'actor_account_id IS NOT NULL'
    : `(actor_account_id IS NOT NULL OR (object_type IN ${ACCOUNT_OBJECT_TYPES} AND object_id <> '${PSEUDONYMISED_ACCOUNT}'))`;
  // The changes may name the same accounts (a claim records who claimed): replaced as text, as an erasure does.
  // SET reads the row as it was, so the ids are still there to be found.
  const accountObject = `a.object_type IN ${ACCOUNT_OBJECT_TYPES}`;
  const set = options.legacyShape
    ? 'actor_account_id = NULL'
    : `actor_account_id = NULL,
       object_id = CASE WHEN ${accountObject} THEN '${PSEUDONYMISED_ACCOUNT}' ELSE a.object_id END,
       changes = replace(
         replace(a.changes::text, coalesce(a.actor_account_id::text, '${PSEUDONYMISED_ACCOUNT}'), '${PSEUDONYMISED_ACCOUNT}'),
         CASE WHEN ${accountObject} AND a.object_id ~ '${UUID_PATTERN}' THEN a.object_id ELSE '${PSEUDONYMISED_ACCOUNT}' END,
         '${PSEUDONYMISED_ACCOUNT}')::jsonb`;
  const batch = options.batch ?? PSEUDONYMISE_BATCH;
  let total = 0;
  for (;;) {
    // Counted by RETURNING rather than the driver's affected rows: any Queryable answers rows.
    const [done] = (await db.query(
      `WITH due AS (
         SELECT id FROM ${table} WHERE at < $1 AND ${due} ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED),
       changed AS (UPDATE ${table} a SET ${set} FROM due WHERE a.id = due.id RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [before, batch],
    )) as { n: number }[];
    const count = done?.n ?? 0;
    total += count;
    if (count < batch) return total;
  }
}
