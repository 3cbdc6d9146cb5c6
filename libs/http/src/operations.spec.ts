import express from 'express';
import { z } from 'zod';
import { defineOperations } from '@salle/contracts';
import { createLogger } from '@salle/runtime';
import { expressRoutes, openApiDocument } from './openapi';
import {
  AppError,
  createHttpApp,
  operationRoutes,
  reply,
  startHttpServer,
  type OperationImplementations,
  type RunningServer,
} from './index';

const itemSchema = z.strictObject({ name: z.string().min(1) });
const table = defineOperations({
  createItem: {
    method: 'post',
    path: '/shelves/:shelfId/items',
    summary: 'Add an item',
    access: 'signed-in people',
    tags: ['items'],
    params: z.object({ shelfId: z.uuid() }),
    body: itemSchema,
    success: {
      status: 201,
      alsoStatus: 200,
      description: 'The item.',
      json: z.strictObject({ shelfId: z.uuid(), name: z.string(), by: z.string() }),
    },
    refusals: [401],
  },
  listItems: {
    method: 'get',
    path: '/items',
    summary: 'Items',
    access: 'anyone',
    tags: ['items'],
    query: z.strictObject({ limit: z.coerce.number().int().max(10).default(5) }),
    success: { status: 200, description: 'Items.', json: z.strictObject({ limit: z.number() }) },
    revalidate: true,
  },
  catalogue: {
    method: 'get',
    path: '/catalogue',
    summary: 'A large list',
    access: 'anyone',
    tags: ['items'],
    success: { status: 200, description: 'Names.', json: z.array(z.string()) },
    revalidate: true,
  },
  itemsCsv: {
    method: 'get',
    path: '/items.csv',
    summary: 'Items as CSV',
    access: 'anyone',
    tags: ['items'],
    success: { status: 200, description: 'CSV.', mediaType: 'text/csv' },
  },
  removeItem: {
    method: 'delete',
    path: '/items/:id',
    summary: 'Remove',
    access: 'anyone',
    tags: ['items'],
    params: z.object({ id: z.uuid() }),
    success: { status: 204, description: 'Removed.' },
  },
  hook: {
    method: 'post',
    path: '/hook',
    summary: 'Raw bytes',
    access: 'anyone',
    tags: ['hooks'],
    success: { status: 200, description: 'Length.', json: z.strictObject({ bytes: z.number() }) },
  },
});

const policy = {
  public: { grant: () => undefined },
  signedIn: {
    grant: (request: { get(name: string): string | undefined }) => {
      const who = request.get('x-who');
      if (!who) throw new AppError(401, 'unauthenticated', 'Connectez-vous.');
      return { who };
    },
  },
};

const implementations: OperationImplementations<typeof table, typeof policy> = {
  // Typed input and access: `params.shelfId` and `body.name` are strings, `access.who` the caller.
  createItem: {
    access: 'signedIn',
    handle: ({ params, body }, { access }) =>
      reply(
        { shelfId: params.shelfId, name: body.name, by: access.who },
        { status: body.name === 'again' ? 200 : 201, headers: { 'x-note': 'made' } },
      ),
  },
  listItems: { access: 'public', handle: ({ query }) => ({ limit: query.limit }) },
  catalogue: { access: 'public', handle: () => Array.from({ length: 200 }, (_, i) => `Collège numéro ${i}`) },
  itemsCsv: { access: 'public', handle: () => reply('a;b\n', { attachment: 'objets-été.csv' }) },
  removeItem: { access: 'public', handle: () => undefined },
  hook: {
    access: 'public',
    rawBody: { limit: '1kb' },
    handle: ({ body }) => ({ bytes: Buffer.isBuffer(body) ? body.length : -1 }),
  },
};

describe('operationRoutes', () => {
  let running: RunningServer;
  const routes = operationRoutes(table, implementations, policy);
  const app = createHttpApp({
    service: 'test',
    logger: createLogger({ service: 'test', level: 'silent' }),
    rawRoutes: routes.rawRoutes,
    routes: routes.routes,
  });
  const shelf = '7f1c0a52-52f4-4a5e-9a39-2f5f3c1d9b11';

  beforeAll(async () => {
    running = await startHttpServer(app, 0);
  });
  afterAll(() => running.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${running.url}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('mounts exactly the operations of the table', () => {
    expect(expressRoutes(app).sort()).toEqual([
      'DELETE /items/:id',
      'GET /catalogue',
      'GET /healthz',
      'GET /items',
      'GET /items.csv',
      'GET /readyz',
      'POST /hook',
      'POST /shelves/:shelfId/items',
    ]);
  });

  it('hands the handler its parsed input and what the access rule granted, and answers with the described status', async () => {
    const created = await post(`/shelves/${shelf}/items`, JSON.stringify({ name: 'Chaise' }), { 'x-who': 'ana' });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-note')).toBe('made');
    expect(await created.json()).toEqual({ shelfId: shelf, name: 'Chaise', by: 'ana' });
    expect((await post(`/shelves/${shelf}/items`, JSON.stringify({ name: 'again' }), { 'x-who': 'ana' })).status).toBe(
      200,
    );
    expect(await (await fetch(`${running.url}/items?limit=7`)).json()).toEqual({ limit: 7 });
    const csv = await fetch(`${running.url}/items.csv`);
    expect([csv.status, csv.headers.get('content-type'), await csv.text()]).toEqual([
      200,
      'text/csv; charset=utf-8',
      'a;b\n',
    ]);
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="objets-?t?.csv"; filename*=UTF-8\'\'objets-%C3%A9t%C3%A9.csv',
    );
    expect((await fetch(`${running.url}/items/${shelf}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('writes a JSON answer with the headers and bytes of the res.json of Express', async () => {
    const name = 'Étagère «\u00a0haute\u00a0» ✓';
    const plain = express();
    plain.post('/', (_req, res) => void res.status(201).json({ shelfId: shelf, name, by: 'ana' }));
    const reference = await startHttpServer(plain, 0);
    try {
      const expected = await fetch(reference.url, { method: 'POST' });
      const answered = await post(`/shelves/${shelf}/items`, JSON.stringify({ name }), { 'x-who': 'ana' });
      const headers = (response: Response) =>
        ['content-type', 'content-length'].map((header) => response.headers.get(header));
      expect(headers(answered)).toEqual(headers(expected));
      expect(Buffer.from(await answered.arrayBuffer())).toEqual(Buffer.from(await expected.arrayBuffer()));
    } finally {
      await reference.close();
    }
  });

  it('refuses before the handler: the access rule first, then each part of the input with its own schema', async () => {
    const anonymous = await post(`/shelves/${shelf}/items`, JSON.stringify({ name: 'Chaise' }));
    expect([anonymous.status, ((await anonymous.json()) as { code: string }).code]).toEqual([401, 'unauthenticated']);
    const badParams = await post('/shelves/nope/items', JSON.stringify({ name: 'Chaise' }), { 'x-who': 'ana' });
    expect(await badParams.json()).toMatchObject({
      status: 400,
      code: 'validation_failed',
      title: 'L’adresse demandée ne correspond à rien de connu.',
      errors: [{ field: 'shelfId' }],
    });
    const badBody = await post(`/shelves/${shelf}/items`, JSON.stringify({ name: '', extra: 1 }), { 'x-who': 'ana' });
    expect(await badBody.json()).toMatchObject({
      status: 400,
      code: 'validation_failed',
      title: 'Certaines informations sont manquantes ou incorrectes\u00a0: le nom.',
      errors: [
        { field: 'name', message: 'Le nom\u00a0: doit contenir au moins 1 caractère' },
        { field: '(racine)', message: 'Information non prévue\u00a0: extra' },
      ],
    });
    const badQuery = await fetch(`${running.url}/items?limit=99`);
    expect(await badQuery.json()).toMatchObject({
      status: 400,
      title: 'Certaines informations sont manquantes ou incorrectes\u00a0: le nombre de résultats.',
      errors: [{ field: 'limit', message: 'Le nombre de résultats\u00a0: doit être au plus 10' }],
    });
  });

  it('answers a revalidated read with its ETag, and 304 without the body while the browser holds that answer', async () => {
    const first = await fetch(`${running.url}/items?limit=3`);
    const etag = first.headers.get('etag') ?? '';
    expect([first.status, first.headers.get('cache-control'), await first.json()]).toEqual([
      200,
      'private, no-cache',
      { limit: 3 },
    ]);
    expect(etag).toMatch(/^"[\w-]{43}"$/);
    // As a browser revalidates: fetch given If-None-Match by hand would add `Cache-Control: no-cache`, a reload.
    const held = (tag: string) => ({ headers: { 'if-none-match': tag, 'cache-control': 'max-age=0' } });
    const again = await fetch(`${running.url}/items?limit=3`, held(etag));
    expect([again.status, again.headers.get('etag'), await again.text()]).toEqual([304, etag, '']);
    expect((await fetch(`${running.url}/items?limit=3`, held(`W/${etag}`))).status).toBe(304);
    // A reload (`Cache-Control: no-cache`) gets the whole answer.
    const reload = await fetch(`${running.url}/items?limit=3`, { headers: { 'if-none-match': etag } });
    expect([reload.status, await reload.json()]).toEqual([200, { limit: 3 }]);
    // Another answer has another ETag: the held one no longer matches, and the new body comes whole.
    const other = await fetch(`${running.url}/items?limit=4`, held(etag));
    expect([other.status, await other.json()]).toEqual([200, { limit: 4 }]);
    expect(other.headers.get('etag')).not.toBe(etag);
    // Other operations keep no validator.
    expect((await fetch(`${running.url}/items.csv`)).headers.get('etag')).toBeNull();
  });

  it('compresses a large revalidated answer as the browser accepts, each encoding with its own ETag', async () => {
    const names = Array.from({ length: 200 }, (_, i) => `Collège numéro ${i}`);
    const held = (encoding: string, tag: string) => ({
      headers: { 'accept-encoding': encoding, 'if-none-match': tag, 'cache-control': 'max-age=0' },
    });
    const tags: string[] = [];
    for (const [accepted, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['identity', null],
    ] as const) {
      // fetch inflates the body itself; the header says what travelled.
      const answer = await fetch(`${running.url}/catalogue`, { headers: { 'accept-encoding': accepted } });
      const etag = answer.headers.get('etag') ?? '';
      expect([answer.headers.get('content-encoding'), answer.headers.get('vary'), await answer.json()]).toEqual([
        encoding,
        'Accept-Encoding',
        names,
      ]);
      expect(etag).toMatch(encoding ? new RegExp(`^"[\\w-]{43}-${encoding}"$`) : /^"[\w-]{43}"$/);
      tags.push(etag);
      const again = await fetch(`${running.url}/catalogue`, held(accepted, etag));
      expect([accepted, again.status, await again.text()]).toEqual([accepted, 304, '']);
    }
    expect(new Set(tags).size).toBe(3);
    // A representation held in another encoding is not this one: the whole answer comes.
    expect((await fetch(`${running.url}/catalogue`, held('gzip', tags[0] ?? ''))).status).toBe(200);
  });

  it('gives a raw-body operation the bytes as sent, whatever their type', async () => {
    const hook = await fetch(`${running.url}/hook`, {
      method: 'POST',
      body: 'not json at all',
      headers: { 'content-type': 'text/plain' },
    });
    expect(await hook.json()).toEqual({ bytes: 15 });
  });

  it('describes the same table as OpenAPI', () => {
    const document = openApiDocument({ title: 't', version: '1', description: 'd' }, table);
    expect(Object.keys(document.paths ?? {}).sort()).toEqual([
      '/catalogue',
      '/hook',
      '/items',
      '/items.csv',
      '/items/{id}',
      '/shelves/{shelfId}/items',
    ]);
    expect(Object.keys(document.paths?.['/shelves/{shelfId}/items']?.post?.responses ?? {}).sort()).toEqual([
      '200',
      '201',
      '400',
      '401',
    ]);
  });

  it('refuses a table and handlers that do not match', () => {
    const { hook: _left, ...missing } = implementations;
    expect(() => operationRoutes(table, missing as typeof implementations, policy)).toThrow('missing hook, extra none');
  });
});
