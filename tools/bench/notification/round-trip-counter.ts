// Preloaded (`node -r`) into each notification replica the benchmark starts:
// counts the SQL statements the process sends to PostgreSQL (one round trip
// each), grouped by their first words, and the TCP connections it opens to
// the SMTP server. Counts do not depend on how loaded the machine is, unlike
// the timings, so they show where the work per message goes. Written as JSON
// to BENCH_COUNTS_FILE when the process exits.
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { Client } from 'pg';

const countsFile = process.env['BENCH_COUNTS_FILE'];
const smtpPort = Number(new URL(process.env['SMTP_URL'] ?? 'smtp://127.0.0.1:25').port || 25);
const statements = new Map<string, number>();
let smtpConnections = 0;

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

const originalConnect = net.Socket.prototype.connect as (...args: unknown[]) => net.Socket;
(net.Socket.prototype as unknown as { connect: (...args: unknown[]) => net.Socket }).connect = function (
  this: net.Socket,
  ...args: unknown[]
) {
  const first = args[0] as { port?: unknown } | unknown[] | number;
  const options = Array.isArray(first) ? (first[0] as { port?: unknown }) : first;
  const port = typeof options === 'object' && options !== null ? Number(options.port) : Number(options);
  if (port === smtpPort) smtpConnections += 1;
  return originalConnect.apply(this, args);
};

process.on('exit', () => {
  if (!countsFile) return;
  writeFileSync(countsFile, JSON.stringify({ statements: Object.fromEntries(statements), smtpConnections }));
});
