import fs from 'node:fs';
import path from 'node:path';

/**
 * Architecture rule: `booking-lifecycle.ts` is the only module that writes a
 * booking's status, so that every move is checked by the state machine and
 * journalled with its audit entry and event. This reads the sources (not
 * the specs, which set up data, nor the append-only migrations) and fails
 * on any other writer.
 */
const SOURCE_ROOT = path.resolve(__dirname, '..');
const LIFECYCLE = path.join('bookings', 'booking-lifecycle.ts');

/** Aggregates other than bookings whose own status may be assigned elsewhere. */
const OTHER_STATUS_OWNERS = /^(organisation|establishment)$/i;

interface StatusWrite {
  what: string;
  pattern: RegExp;
  /** Code patterns read the source with its string literals emptied, so that SQL conditions are not taken for code. */
  in: 'code' | 'sql';
  allowed?: (match: RegExpMatchArray) => boolean;
}

const STATUS_WRITES: StatusWrite[] = [
  {
    what: 'assignment to `.status`',
    pattern: /([\w$]+)\s*\.\s*status\s*=(?![=>])/g,
    in: 'code',
    allowed: (match) => OTHER_STATUS_OWNERS.test(match[1] ?? ''),
  },
  {
    what: 'status in a write of BookingEntity (create, save, insert, update, upsert, query builder)',
    pattern: /\b(?:create|save|insert|update|upsert|preload|merge)\s*\(\s*BookingEntity\b[^;]*?\bstatus\s*:/gs,
    in: 'code',
  },
  {
    what: 'status in a write through the BookingEntity repository',
    pattern: /getRepository\(\s*BookingEntity\s*\)\s*\.\s*(?:save|insert|update|upsert)\s*\([^;]*?\bstatus\s*:/gs,
    in: 'code',
  },
  {
    what: 'status in `Object.assign` on a booking',
    pattern: /Object\.assign\(\s*\w*booking\w*\s*,[^;]*?\bstatus\s*:/gis,
    in: 'code',
  },
  {
    what: 'SQL UPDATE of booking.booking setting status',
    pattern: /UPDATE\s+(?:booking\.)?booking\b(?!\.)[^;`]*?\bSET\b(?:(?!\bWHERE\b)[^;`])*?\bstatus\s*=/gis,
    in: 'sql',
  },
  {
    what: 'SQL INSERT into booking.booking with a status',
    pattern: /INSERT\s+INTO\s+(?:booking\.)?booking\b(?!\.)\s*\([^)]*\bstatus\b/gis,
    in: 'sql',
  },
];

/** The status writes found in one source text, as `what: excerpt`. */
function statusWrites(source: string): string[] {
  const code = source.replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, "''");
  const found: string[] = [];
  for (const { what, pattern, allowed, in: where } of STATUS_WRITES) {
    for (const match of (where === 'code' ? code : source).matchAll(pattern)) {
      if (!allowed?.(match)) found.push(`${what}: ${match[0].replace(/\s+/g, ' ').slice(0, 80)}`);
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

describe('the writers of booking.status', () => {
  it('are the lifecycle module and nothing else in apps/booking/src', () => {
    const writers = Object.fromEntries(
      sourceFiles(SOURCE_ROOT)
        .map((file) => [path.relative(SOURCE_ROOT, file), statusWrites(fs.readFileSync(file, 'utf8'))] as const)
        .filter(([, writes]) => writes.length > 0),
    );
    expect(Object.keys(writers)).toEqual([LIFECYCLE]);
  });

  it('are recognised in every form a future writer might take', () => {
    const samples = [
      `booking.status = 'confirmed';`,
      `row.status='expired'`,
      `await manager.update(BookingEntity, { id }, { status: 'cancelled' });`,
      `manager.create(BookingEntity, {\n  spaceId,\n  status: 'requested',\n})`,
      `await manager.createQueryBuilder().update(BookingEntity).set({ status: 'expired' }).execute();`,
      `await dataSource.getRepository(BookingEntity).update(id, { status: 'expired' });`,
      `Object.assign(booking, { expiresAt: null, status: 'expired' });`,
      "await manager.query(`UPDATE booking.booking SET status = 'expired' WHERE id = $1`, [id]);",
      "`UPDATE booking\n   SET updated_at = now(), status = 'completed'`",
      "`INSERT INTO booking.booking (id, space_id, status) VALUES ($1, $2, 'confirmed')`",
    ];
    expect(samples.filter((sample) => statusWrites(sample).length === 0)).toEqual([]);
  });

  it('are not confused with reads, comparisons or other aggregates', () => {
    const samples = [
      `if (booking.status === 'confirmed') return;`,
      `const waiting = await manager.find(BookingEntity, { where: { status: 'approved' } });`,
      `organisation.status = decision.verified ? 'verified' : 'rejected';`,
      "`UPDATE booking.booking SET expires_at = now() WHERE status = 'approved'`",
      "`UPDATE booking.establishment SET status = 'active'`",
    ];
    expect(samples.flatMap(statusWrites)).toEqual([]);
  });
});
