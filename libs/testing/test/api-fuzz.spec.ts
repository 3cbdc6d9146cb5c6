import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROBLEM_CONTENT_TYPE } from '@salle/contracts';
import { fuzzApi } from '../src/api-fuzz/api-fuzz';

/** Three operations: one that answers every request as it should, one that fails with a 500, one that never answers. */
const document = {
  openapi: '3.1.0',
  paths: {
    '/sound': { get: { parameters: [{ name: 'day', in: 'query', schema: { type: 'string', format: 'date' } }] } },
    '/broken': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } } } },
    '/hung': { get: {} },
  },
};

function answer(response: ServerResponse, status: number): void {
  const body =
    status === 200 ? '{}' : JSON.stringify({ type: 'about:blank', title: 'Refusé', status, code: 'refused' });
  response.writeHead(status, { 'content-type': status === 200 ? 'application/json' : PROBLEM_CONTENT_TYPE });
  response.end(body);
}

describe('fuzzApi', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      const path = request.url?.split('?')[0];
      if (path === '/openapi.json') return void response.end(JSON.stringify(document));
      if (path === '/broken') return answer(response, 500);
      if (path === '/hung') return; // never answered
      answer(response, 400);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    server.close();
  });

  it('reports a 5xx and a request left unanswered, each with its operation, and passes the sound one', async () => {
    const report = await fuzzApi({
      baseUrl,
      callers: [{ name: 'a visitor', headers: async () => ({}) }],
      runsPerOperation: 3,
      seed: 1,
      // Long enough for a loaded machine to answer the sound requests; only the hung one waits it out.
      requestTimeoutMs: 3_000,
    });

    expect(report.operations).toBe(3);
    expect(report.failures).toHaveLength(2);
    expect(report.failures.find((failure) => failure.startsWith('POST /broken'))).toMatch(/answered 500/);
    expect(report.failures.find((failure) => failure.startsWith('GET /hung'))).toMatch(/got no answer \(.*timeout/i);
    expect(report.failures.some((failure) => failure.startsWith('GET /sound'))).toBe(false);
    // The sound operation's three requests were all answered and counted; the failing ones stopped at their first.
    expect(report.statuses[400]).toBe(3);
  });
});
