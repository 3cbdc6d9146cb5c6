import { connect, type Socket } from 'node:net';

/** Where clamd listens: TCP host and port, or a Unix socket path. */
export type ClamdAddress = { host: string; port: number } | { socket: string };

export type ScanVerdict = { infected: false } | { infected: true; signature: string };

/** clamd did not answer, answered an error, or not in time: the upload must be refused, never stored unscanned. */
export class AntivirusUnavailableError extends Error {
  readonly code = 'antivirus_unavailable';
  constructor(reason: string) {
    super(`clamd unavailable: ${reason}`);
    this.name = 'AntivirusUnavailableError';
  }
}

/** clamd found something in the file; `signature` names it (for the logs, never the person's data). */
export class InfectedFileError extends Error {
  readonly code = 'file_infected';
  constructor(readonly signature: string) {
    super(`clamd detected ${signature}`);
    this.name = 'InfectedFileError';
  }
}

/** clamd's default StreamMaxLength is 25 MB; our files are a few MB, sent in chunks of this size. */
const CHUNK_BYTES = 64 * 1024;

function frames(bytes: Uint8Array): Buffer[] {
  const out: Buffer[] = [Buffer.from('zINSTREAM\0')];
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
    const chunk = bytes.subarray(at, at + CHUNK_BYTES);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(chunk.length);
    out.push(length, Buffer.from(chunk));
  }
  out.push(Buffer.alloc(4)); // a zero-length chunk ends the stream
  return out;
}

/** Reads clamd's one reply: `stream: OK`, `stream: <name> FOUND`, or `... ERROR`. */
export function parseClamdReply(reply: string): ScanVerdict {
  const text = reply.replace(/\0/g, '').trim();
  if (/^stream: OK$/.test(text)) return { infected: false };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return { infected: true, signature: found[1] };
  throw new AntivirusUnavailableError(`unexpected reply ${JSON.stringify(text.slice(0, 200))}`);
}

/**
 * Streams the bytes to clamd with the INSTREAM command of its documented protocol (clamd(8)): a null-terminated
 * command, chunks prefixed by their length as 4 bytes big-endian, a zero-length chunk, then one reply.
 */
export function scanWithClamd(bytes: Uint8Array, address: ClamdAddress, timeoutMs = 10_000): Promise<ScanVerdict> {
  return new Promise((resolve, reject) => {
    const socket: Socket = 'socket' in address ? connect(address.socket) : connect(address.port, address.host);
    const replies: Buffer[] = [];
    const fail = (reason: string) => {
      socket.destroy();
      reject(new AntivirusUnavailableError(reason));
    };
    socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms`));
    socket.on('error', (error) => fail(error.message));
    socket.on('data', (data) => replies.push(data));
    socket.on('end', () => {
      socket.destroy();
      try {
        resolve(parseClamdReply(Buffer.concat(replies).toString('utf8')));
      } catch (error) {
        reject(error as Error);
      }
    });
    socket.on('connect', () => {
      for (const frame of frames(bytes)) socket.write(frame);
    });
  });
}

/** Throws `InfectedFileError` or `AntivirusUnavailableError`; returns when clamd says the file is clean. */
export async function assertClean(bytes: Uint8Array, address: ClamdAddress, timeoutMs?: number): Promise<void> {
  const verdict = await scanWithClamd(bytes, address, timeoutMs);
  if (verdict.infected) throw new InfectedFileError(verdict.signature);
}
