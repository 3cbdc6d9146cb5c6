import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => boolean | Promise<boolean>;

export interface RunningServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the built app as the gateway will: files from `root`, any other
 * path without an extension gets index.html (the app routes it), and
 * `dynamic` answers what it knows first (here the fake /api and /auth).
 */
export async function startStaticServer(root: string, dynamic: Handler): Promise<RunningServer> {
  const index = readFileSync(join(root, 'index.html'));
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      void (async () => {
        try {
          if (await dynamic(req, res, body)) return;
          const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
          const file = normalize(join(root, path));
          if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
            res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
            res.end(readFileSync(file));
          } else if (!extname(path)) {
            res.writeHead(200, { 'Content-Type': TYPES['.html'] });
            res.end(index);
          } else {
            res.writeHead(404);
            res.end();
          }
        } catch (error) {
          res.writeHead(500);
          res.end(String(error));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
