// Preloaded (`node -r`) into the booking service the planning benchmark
// starts: counts the SQL statements the process sends to PostgreSQL (one
// round trip each), grouped by their first words. Unlike the notification
// counter, which writes at exit, this one writes a snapshot to
// BENCH_COUNTS_FILE on SIGUSR2, so the benchmark can take the difference
// around a phase and divide by the number of requests. Counts do not depend on
// how loaded the machine is, unlike the timings.
import { writeFileSync } from 'node:fs';
import { Client } from 'pg';

const countsFile = process.env['BENCH_COUNTS_FILE'];
const statements = new Map<string, number>();

/** The statement's first words, enough to tell one statement from another in the report. */
function keyOf(query: unknown): string {
  const text = typeof query === 'string' ? query : ((query as { text?: string } | null)?.text ?? '?');
  return text.replace(/\s+/g, ' ').trim().slice(0, 90);
}

const originalQuery = Client.prototype.query as (...args: unknown[]) => unknown;
(Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
  this: Client,
  ...args: unknown[]
) {
  const key = keyOf(args[0]);
  statements.set(key, (statements.get(key) ?? 0) + 1);
  return originalQuery.apply(this, args);
};

process.on('SIGUSR2', () => {
  if (countsFile) writeFileSync(countsFile, JSON.stringify(Object.fromEntries(statements)));
});
