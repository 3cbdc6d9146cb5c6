import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenIssuer } from './token-issuer';

export interface JwksServer {
  url: string;
  close(): Promise<void>;
  /** Number of JWKS requests served, to observe caching. */
  readonly hits: number;
}

/**
 * Serves an issuer's JWKS over real HTTP on loopback: what the gateway
 * does in production, for services' tests before the gateway runs.
 */
export async function startJwksServer(source: () => TokenIssuer): Promise<JwksServer> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(source().jwks()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    get hits() {
      return hits;
    },
  };
}
