import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildQuery, createApiClient } from './api-client';
import { ApiError } from './api-error';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

// A real HTTP server standing in for the gateway: the client's requests are observed on the wire.
describe('api client', () => {
  let server: Server;
  let baseUrl: string;
  const seen: Seen[] = [];
  let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        answer(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const json =
    (status: number, body: unknown, type = 'application/json') =>
    (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(JSON.stringify(body));
    };

  it('sends X-Requested-With: fetch and a JSON body on state-changing calls, not on reads', async () => {
    answer = json(200, { ok: true });
    const client = createApiClient({ baseUrl });
    await client.get('/api/booking/spaces/1');
    await client.post('/api/booking/bookings', { spaceId: 's' });
    await client.put('/api/booking/spaces/1/tariffs', { tariffs: [] });
    await client.patch('/api/booking/spaces/1', { name: 'x' });
    await client.delete('/api/booking/closures/1');

    const [get, post, put, patch, del] = seen;
    expect(get?.headers['x-requested-with']).toBeUndefined();
    expect(get?.headers['content-type']).toBeUndefined();
    for (const write of [post, put, patch, del]) expect(write?.headers['x-requested-with']).toBe('fetch');
    expect(post?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post?.body ?? '')).toEqual({ spaceId: 's' });
    expect(seen.map((request) => request.method)).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
  });

  it('posts an empty JSON object when an action has no body', async () => {
    answer = json(200, { id: 'b1', status: 'approved' });
    const client = createApiClient({ baseUrl });
    await expect(client.post('/api/booking/bookings/b1/approve')).resolves.toEqual({ id: 'b1', status: 'approved' });
    expect(seen[0]?.body).toBe('{}');
  });

  it('encodes the query, lists comma-separated, empty values left out', async () => {
    answer = json(200, { items: [], nextCursor: null });
    const client = createApiClient({ baseUrl });
    await client.get('/api/booking/search', {
      query: {
        from: '2026-03-02',
        kinds: ['gymnasium', 'classroom'],
        weekdays: [],
        stepFree: true,
        communeInsee: '',
        cursor: undefined,
      },
    });
    expect(seen[0]?.url).toBe('/api/booking/search?from=2026-03-02&kinds=gymnasium%2Cclassroom&stepFree=true');
    expect(buildQuery({})).toBe('');
  });

  it('turns a problem+json answer into an ApiError carrying the French title, field errors and extra members', async () => {
    answer = json(
      400,
      {
        type: 'urn:salle-sur-demande:problem:import_invalid',
        title: "Le fichier contient des erreurs : rien n'a été importé.",
        status: 400,
        code: 'import_invalid',
        errors: [{ field: 'ligne 3 : siret', message: 'SIRET invalide' }],
        lineErrors: [{ line: 3, field: 'siret', message: 'SIRET invalide' }],
      },
      'application/problem+json; charset=utf-8',
    );
    const client = createApiClient({ baseUrl });
    const error = await client
      .post('/api/booking/imports/establishments', { csv: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('import_invalid');
    expect(apiError.message).toBe("Le fichier contient des erreurs : rien n'a été importé.");
    expect(apiError.fieldErrors).toEqual([{ field: 'ligne 3 : siret', message: 'SIRET invalide' }]);
    expect(apiError.problem['lineErrors']).toEqual([{ line: 3, field: 'siret', message: 'SIRET invalide' }]);
  });

  it('gives a French title to errors that came without a problem body', async () => {
    answer = (_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    };
    const client = createApiClient({ baseUrl });
    const error = (await client.get('/api/booking/search').catch((caught: unknown) => caught)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/momentanément indisponible/);
  });

  it('reports an expired session (401) to the session layer, unless a 401 is expected', async () => {
    answer = json(
      401,
      { title: 'Vous devez être connecté pour effectuer cette action.', status: 401, code: 'unauthenticated' },
      'application/problem+json',
    );
    const expired: ApiError[] = [];
    const client = createApiClient({ baseUrl, onUnauthorized: (error) => expired.push(error) });
    await expect(client.get('/api/booking/bookings?organisationId=x')).rejects.toMatchObject({ status: 401 });
    expect(expired).toHaveLength(1);
    expect(expired[0]?.code).toBe('unauthenticated');
    await expect(client.get('/api/me', { anonymousOk: true })).rejects.toMatchObject({ status: 401 });
    expect(expired).toHaveLength(1);
  });

  it('answers undefined for 204 and reads files as blobs', async () => {
    answer = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    const client = createApiClient({ baseUrl });
    await expect(client.delete('/api/booking/closures/1')).resolves.toBeUndefined();
    answer = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/csv' });
      res.end('uai;nom\r\n');
    };
    const blob = await client.download('/api/booking/exports/establishments.csv');
    await expect(blob.text()).resolves.toBe('uai;nom\r\n');
  });

  it('turns an unreachable service into a network ApiError, and lets aborts through', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = createApiClient({ baseUrl: `http://127.0.0.1:${port}` });
    await expect(offline.get('/api/me')).rejects.toMatchObject({ code: 'network_error', status: 0 });

    answer = (_req, res) => setTimeout(() => res.end('{}'), 500);
    const controller = new AbortController();
    const pending = createApiClient({ baseUrl }).get('/api/booking/search', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
