import type { AddressInfo } from 'node:net';
import http from 'node:http';
import type { Express } from 'express';

export interface RunningServer {
  server: http.Server;
  url: string;
  port: number;
  /**
   * Stops accepting connections, lets in-flight requests finish, then
   * resolves. Connections still busy after `graceMs` are cut.
   */
  close(graceMs?: number): Promise<void>;
}

export function startHttpServer(app: Express, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  const server = http.createServer(app);
  let closing = false;
  // While closing, tell keep-alive clients not to reuse their connection.
  server.on('request', (_req, res: http.ServerResponse) => {
    if (closing) res.setHeader('connection', 'close');
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve({
        server,
        port: address.port,
        url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
        close(graceMs = 9_000) {
          closing = true;
          return new Promise<void>((done) => {
            const force = setTimeout(() => server.closeAllConnections(), graceMs);
            const idle = setInterval(() => server.closeIdleConnections(), 100);
            server.close(() => {
              clearTimeout(force);
              clearInterval(idle);
              done();
            });
            server.closeIdleConnections();
          });
        },
      });
    });
  });
}
