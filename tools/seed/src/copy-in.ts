import { once } from 'node:events';
import type { ClientBase, Connection } from 'pg';

/** A value of one COPY cell. Arrays become PostgreSQL array literals, objects JSON. */
export type CopyValue =
  string | number | boolean | Date | null | readonly string[] | readonly number[] | Record<string, unknown>;

/** COPY text format: backslash, tab, newline and carriage return are escaped; NULL is `\N`. */
function escapeText(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (char) =>
    char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r',
  );
}

function arrayLiteral(items: readonly (string | number)[]): string {
  return `{${items.map((item) => (typeof item === 'number' ? String(item) : `"${item.replace(/[\\"]/g, (char) => `\\${char}`)}"`)).join(',')}}`;
}

export function copyCell(value: CopyValue): string {
  if (value === null) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeText(value);
  if (Array.isArray(value)) return escapeText(arrayLiteral(value as readonly (string | number)[]));
  return escapeText(JSON.stringify(value));
}

/** What pg's client calls on the query it is running; not in @types/pg. */
interface CopyConnection extends Connection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

/**
 * `COPY table (columns) FROM STDIN` with pg's own client: a query object
 * the client runs like any other, which streams the rows when the server
 * asks for them and waits for the socket to drain, so millions of rows go
 * through without holding them in memory twice. (The pg-copy-streams
 * package does the same; this is the 60 lines the seed needs.)
 */
class CopyFromStdin {
  private error: Error | undefined;
  private rowCount = 0;
  readonly done: Promise<number>;
  private resolve!: (count: number) => void;
  private reject!: (error: Error) => void;

  constructor(
    private readonly text: string,
    private readonly chunks: Iterable<string>,
  ) {
    this.done = new Promise<number>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: Connection): void {
    void this.pump(connection as CopyConnection);
  }

  private async pump(connection: CopyConnection): Promise<void> {
    try {
      for (const chunk of this.chunks) {
        // The server refused a row and left COPY mode: it would ignore the rest, so stop producing it.
        if (this.error) return;
        connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
        if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
      }
      if (!this.error) connection.endCopyFrom();
    } catch (error) {
      connection.sendCopyFail(`seed generator failed: ${(error as Error).message}`);
    }
  }

  handleCommandComplete(message: { text: string }): void {
    this.rowCount = Number(/COPY (\d+)/.exec(message.text)?.[1] ?? 0);
  }

  /** pg forgets the running query on an error (no ReadyForQuery reaches it then): settle here. */
  handleError(error: Error): void {
    this.error = error;
    this.reject(error);
  }

  handleReadyForQuery(): void {
    if (this.error) this.reject(this.error);
    else this.resolve(this.rowCount);
  }

  // Messages a COPY FROM never receives: should the server send one, the COPY fails instead of hanging.
  private unexpected(message: string): void {
    this.error ??= new Error(`unexpected ${message} during COPY`);
  }
  handleRowDescription(): void {
    this.unexpected('row description');
  }
  handleDataRow(): void {
    this.unexpected('data row');
  }
  handleEmptyQuery(): void {
    this.unexpected('empty query');
  }
  handlePortalSuspended(): void {
    this.unexpected('portal suspension');
  }
  handleCopyData(): void {
    this.unexpected('copy data');
  }
}

/** Rows grouped into chunks of about 64 kB of COPY text. */
function* chunksOf<T>(
  rows: Iterable<T>,
  columns: readonly (keyof T & string)[],
  onRow?: () => void,
): Generator<string> {
  let buffer = '';
  for (const row of rows) {
    buffer += `${columns.map((column) => copyCell(row[column] as CopyValue)).join('\t')}\n`;
    onRow?.();
    if (buffer.length >= 65_536) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** Streams `rows` into `table` with COPY; returns the number of rows the server stored. */
export async function copyInto<T>(
  client: ClientBase,
  table: string,
  columns: readonly (keyof T & string)[],
  rows: Iterable<T>,
  onRow?: () => void,
): Promise<number> {
  const query = new CopyFromStdin(
    `COPY ${table} (${columns.map((column) => `"${column}"`).join(', ')}) FROM STDIN`,
    chunksOf(rows, columns, onRow),
  );
  client.query(query);
  return query.done;
}
