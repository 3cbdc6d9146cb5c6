import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchRetryingReset } from '../src/fetch-retrying-reset';

describe('fetchRetryingReset', () => {
  let server: Server;
  let url: string;
  let requests = 0;

  beforeAll(async () => {
    // Every other request has its connection reset instead of an answer.
    server = createServer((request, response) => {
      requests += 1;
      if (requests % 2 === 1) return void request.socket.resetAndDestroy();
      response.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  beforeEach(() => {
    requests = 0;
  });

  it('sends an idempotent request again when its connection was reset', async () => {
    const response = await fetchRetryingReset(url);
    expect([response.status, await response.text(), requests]).toEqual([200, 'ok', 2]);
  });

  it('never sends a POST twice: the reset goes to the caller', async () => {
    await expect(fetchRetryingReset(url, { method: 'POST', body: '{}' })).rejects.toThrow(/fetch failed/);
    expect(requests).toBe(1);
  });
});
