// Jest's global types for this file even where a project compiles @salle/testing without them (the benchmarks);
// not `@jest/globals`, which throws when loaded outside jest (npm start imports this library).
/// <reference types="jest" />
/** What the audit retention specs need of a database: a query. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

type Report = (kind: string, action: string, count: number) => void;

export interface AuditRetentionTarget {
  /** The service's audit table, `schema.audit_log`. */
  table: string;
  /** The service's variable that sets the period, e.g. `BOOKING_AUDIT_PSEUDONYMISE_AFTER_YEARS`. */
  variable: string;
  /** The service's default period, in years. */
  years: number;
  /** The service's migrated database, once its `beforeAll` has run. */
  db: () => Queryable;
  /** The service's retention of its audit log, as its job runs it with its variable set to `years`, on the clock `now`. */
  run: (now: Date, report: Report, years: number) => Promise<number>;
}

interface Seeded {
  id: string;
  actor: string;
  objectType: string;
  objectId: string;
}

/**
 * `count` entries recorded at `at`, each by its own account, about that account (`account`), a space, or another
 * account's membership (`membership`), whose changes name both accounts, as a claim names who claimed.
 */
export async function seedAuditEntries(
  db: Queryable,
  table: string,
  at: Date,
  count: number,
  about: 'account' | 'space' | 'membership',
) {
  return (await db.query(
    `INSERT INTO ${table} (at, actor_account_id, actor_role, action, object_type, object_id, establishment_id, changes)
     SELECT $1, actor, 'establishment_manager', 'test.changed', $3, object_id, gen_random_uuid(),
            CASE WHEN $3 = 'membership'
                 THEN jsonb_build_object('status', '{"before": "a", "after": "b"}'::jsonb,
                        'claimedBy', jsonb_build_object('before', NULL, 'after', actor),
                        'member', jsonb_build_object('before', NULL, 'after', object_id))
                 ELSE '{"status": {"before": "a", "after": "b"}}' END
       FROM (SELECT actor, CASE WHEN $3 = 'account' THEN actor::text ELSE gen_random_uuid()::text END AS object_id
               FROM (SELECT gen_random_uuid() AS actor FROM generate_series(1, $2)) AS accounts) AS entries
     RETURNING id::text AS id, actor_account_id AS actor, object_type AS "objectType", object_id AS "objectId"`,
    [at, count, about],
  )) as Seeded[];
}

/** What each entry of `ids` names now. */
export async function auditEntriesNamed(db: Queryable, table: string, ids: string[]) {
  return (await db.query(
    `SELECT id::text AS id, actor_account_id AS actor, object_type AS "objectType", object_id AS "objectId"
       FROM ${table} WHERE id = ANY($1::bigint[]) ORDER BY id`,
    [ids],
  )) as (Omit<Seeded, 'actor'> & { actor: string | null })[];
}

/**
 * The behaviour every service's audit retention shares (`pseudonymiseOldAuditEntries` of @salle/service), checked
 * on the service's own table and migrations, on a simulated clock: an entry older than the period loses who acted
 * (and the account it is about), a younger one keeps them, a second run finds nothing, two runs at once share the
 * entries, and the period is the one the service's variable sets, not the default.
 */
export function describeAuditRetention(service: string, target: AuditRetentionTarget): void {
  const now = new Date('2045-03-10T09:00:00Z');
  /** `years` years and `days` days before now. */
  const ago = (years: number, days: number) => new Date(Date.UTC(2045 - years, 2, 10 - days, 9));

  describe(`${service}: audit entries pseudonymised after ${target.years} years`, () => {
    it('takes who acted, and the account an entry is about, from entries older than the period only, once', async () => {
      const db = target.db();
      const [old] = await seedAuditEntries(db, target.table, ago(target.years, 1), 1, 'space');
      const [oldAboutAccount] = await seedAuditEntries(db, target.table, ago(target.years, 1), 1, 'account');
      const [recent] = await seedAuditEntries(db, target.table, ago(target.years, -1), 1, 'account');
      if (!old || !oldAboutAccount || !recent) throw new Error('seeding failed');
      const reported: [string, string, number][] = [];
      const report: Report = (kind, action, count) => reported.push([kind, action, count]);

      expect(await target.run(now, report, target.years)).toBe(2);
      expect(await auditEntriesNamed(db, target.table, [old.id, oldAboutAccount.id, recent.id])).toEqual([
        { ...old, actor: null },
        { ...oldAboutAccount, actor: null, objectId: 'pseudonymisé' },
        recent,
      ]);
      // The rest of the record stays: what was done, to what, where.
      const [kept] = (await db.query(`SELECT action, changes, establishment_id FROM ${target.table} WHERE id = $1`, [
        old.id,
      ])) as { action: string; changes: unknown; establishment_id: string | null }[];
      expect(kept).toEqual({
        action: 'test.changed',
        changes: { status: { before: 'a', after: 'b' } },
        establishment_id: expect.any(String),
      });
      expect(reported).toEqual([['audit_entries', 'pseudonymised', 2]]);

      // A member's account, named as the object and inside the changes with who acted: gone from both.
      const [oldAboutMember] = await seedAuditEntries(db, target.table, ago(target.years, 1), 1, 'membership');
      if (!oldAboutMember) throw new Error('seeding failed');
      expect(await target.run(now, report, target.years)).toBe(1);
      const [member] = (await db.query(
        `SELECT actor_account_id AS actor, object_id AS "objectId", changes FROM ${target.table} WHERE id = $1`,
        [oldAboutMember.id],
      )) as { actor: string | null; objectId: string; changes: unknown }[];
      expect(member).toEqual({
        actor: null,
        objectId: 'pseudonymisé',
        changes: {
          status: { before: 'a', after: 'b' },
          claimedBy: { before: null, after: 'pseudonymisé' },
          member: { before: null, after: 'pseudonymisé' },
        },
      });

      // Idempotent: nothing is claimed twice.
      expect(await target.run(now, report, target.years)).toBe(0);
      expect(await auditEntriesNamed(db, target.table, [recent.id])).toEqual([recent]);
    });

    it('shares the entries between two runs at once (replicas), each pseudonymised exactly once', async () => {
      const db = target.db();
      // More than one batch (1,000), so that both runs claim rows while the other holds some.
      const old = await seedAuditEntries(db, target.table, ago(target.years + 2, 0), 2_500, 'space');
      const counts = await Promise.all([
        target.run(now, () => undefined, target.years),
        target.run(now, () => undefined, target.years),
      ]);
      expect(counts[0] + counts[1]).toBe(old.length);
      const left = await auditEntriesNamed(
        db,
        target.table,
        old.map((entry) => entry.id),
      );
      expect(left.filter((entry) => entry.actor !== null)).toEqual([]);
      expect(left).toHaveLength(old.length);
    });

    // The scenario above runs with the default period; this one proves the job reads the period it is given.
    it(`pseudonymises after the period ${target.variable} sets (2 years here), not the default`, async () => {
      const db = target.db();
      const [threeYears] = await seedAuditEntries(db, target.table, ago(3, 1), 1, 'space');
      const [oneYear] = await seedAuditEntries(db, target.table, ago(1, 1), 1, 'space');
      if (!threeYears || !oneYear) throw new Error('seeding failed');
      await target.run(now, () => undefined, 2);
      expect(await auditEntriesNamed(db, target.table, [threeYears.id, oneYear.id])).toEqual([
        { ...threeYears, actor: null },
        oneYear,
      ]);
    });
  });
}
