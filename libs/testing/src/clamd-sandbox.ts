import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** The EICAR antivirus test file, built at run time so that no file of the repository is itself flagged. */
export const EICAR = Buffer.from(
  ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join(''),
  'latin1',
);

/**
 * A clamd stand-in on loopback speaking the real INSTREAM protocol (null- or newline-terminated command,
 * length-prefixed chunks, a zero-length end): it answers `stream: OK`, or `... FOUND` for the EICAR string,
 * like clamd's own signature `Win.Test.EICAR_HDB-1`. It records how many bytes each scan received.
 */
export class ClamdSandbox {
  readonly scans: number[] = [];
  private server?: Server;

  async start(): Promise<{ host: string; port: number }> {
    this.server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return { host: '127.0.0.1', port: (this.server.address() as AddressInfo).port };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private serve(socket: Socket): void {
    let buffer = Buffer.alloc(0);
    let command: string | undefined;
    const body: Buffer[] = [];
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      if (command === undefined) {
        const end = buffer.findIndex((byte) => byte === 0 || byte === 10);
        if (end < 0) return;
        command = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 1);
        if (command !== 'zINSTREAM' && command !== 'nINSTREAM') return void socket.end('UNKNOWN COMMAND\0');
      }
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) return void this.answer(socket, Buffer.concat(body));
        if (buffer.length < 4 + length) return;
        body.push(buffer.subarray(4, 4 + length));
        buffer = buffer.subarray(4 + length);
      }
    });
    socket.on('error', () => undefined);
  }

  private answer(socket: Socket, file: Buffer): void {
    this.scans.push(file.length);
    socket.end(file.includes(EICAR) ? 'stream: Win.Test.EICAR_HDB-1 FOUND\0' : 'stream: OK\0');
  }
}
