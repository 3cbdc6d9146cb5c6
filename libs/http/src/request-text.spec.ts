import { gzipSync } from 'node:zlib';
import express from 'express';
import { z } from 'zod';
import { createLogger } from '@salle/runtime';
import { PROBLEM_CONTENT_TYPE, type Problem } from '@salle/contracts';
import { createHttpApp, parseRequest, startHttpServer, type RunningServer } from './index';
import { unstorableTexts } from './request-text';

const itemSchema = z.strictObject({ name: z.string(), tags: z.array(z.string()).optional() });

describe('bad input at the edge', () => {
  let running: RunningServer;
  /** What reached a route handler: a refused request must never get there. */
  const reached: string[] = [];

  beforeAll(async () => {
    const app = createHttpApp({
      service: 'test',
      logger: createLogger({ service: 'test', level: 'silent' }),
      rawRoutes: (app) => {
        app.post('/raw', express.raw({ type: () => true }), (req, res) => {
          reached.push('raw');
          res.json({ bytes: Buffer.isBuffer(req.body) ? req.body.length : 0 });
        });
      },
      routes: (app) => {
        app.get('/items/:id', (req, res) => {
          reached.push(`get ${req.params['id']}`);
          res.json({ id: req.params['id'] });
        });
        app.get('/search', (req, res) => {
          reached.push('search');
          res.json({ q: req.query['q'] });
        });
        // What Express's router and body parsers throw, for the cases no check before them catches.
        app.get('/router-uri-error', () => {
          throw Object.assign(new URIError("Failed to decode param '%ZZ'"), { status: 400 });
        });
        app.get('/exposed-client-error', () => {
          throw Object.assign(new Error('range not satisfiable'), { status: 416, expose: true });
        });
        app.post('/items', (req, res) => {
          reached.push('post');
          res.status(201).json(parseRequest(itemSchema, req.body));
        });
      },
    });
    running = await startHttpServer(app, 0);
  });

  afterAll(() => running.close());
  beforeEach(() => {
    reached.length = 0;
  });

  async function expectProblem(response: Response, status: number, code: string): Promise<Problem> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
    const body = (await response.json()) as Problem;
    expect(body).toMatchObject({ status, code });
    expect(JSON.stringify(body)).not.toMatch(/URIError|at .*\.(ts|js)|stack|incorrect header/i);
    return body;
  }

  const postJson = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(`${running.url}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it.each(['/items/%ZZ', '/items/%E9t%E9', '/items/a%', '/items/%C3%28', '/nowhere/%ZZ'])(
    'answers a path with a malformed percent-escape (%s) with 400 malformed_url',
    async (path) => {
      const body = await expectProblem(await fetch(`${running.url}${path}`), 400, 'malformed_url');
      expect(body.title).toBe('L’adresse de la requête est mal formée.');
      expect(reached).toEqual([]);
    },
  );

  it('still decodes a well-formed escape in a path parameter', async () => {
    const response = await fetch(`${running.url}/items/caf%C3%A9%20cr%C3%A8me`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 'café crème' });
  });

  it('answers a NUL in a path with 400 malformed_url', async () => {
    await expectProblem(await fetch(`${running.url}/items/a%00b`), 400, 'malformed_url');
    expect(reached).toEqual([]);
  });

  it('answers a NUL in a query with 400 validation_failed naming the parameter', async () => {
    const body = await expectProblem(await fetch(`${running.url}/search?q=a%00&page=1`), 400, 'validation_failed');
    expect(body.errors).toEqual([
      { field: 'q', message: 'La recherche\u00a0: le caractère nul (U+0000) n’est pas accepté dans un texte.' },
    ]);
    expect(reached).toEqual([]);
  });

  it('answers a NUL or a lone surrogate anywhere in a JSON body with 400 validation_failed naming each field', async () => {
    const body = await expectProblem(
      await postJson('/items', '{"name":"a\\u0000b","tags":["ok","\\ud800"],"\\u0000key":1}'),
      400,
      'validation_failed',
    );
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'Le nom\u00a0: le caractère nul (U+0000) n’est pas accepté dans un texte.' },
        {
          field: 'tags.1',
          message: 'Le champ «\u00a0tags\u00a0»\u00a0: ce texte contient un caractère Unicode mal formé.',
        },
        { field: '(racine)', message: 'Le caractère nul (U+0000) n’est pas accepté dans un texte.' },
      ]),
    );
    expect(body.errors).toHaveLength(3);
    expect(reached).toEqual([]);
  });

  it('accepts unicode texts, surrogate pairs included', async () => {
    const response = await postJson('/items', JSON.stringify({ name: 'Gymnase 🏀 Émile-Zola', tags: ['日本', 'ß'] }));
    expect(response.status).toBe(201);
    expect(reached).toEqual(['post']);
  });

  it.each(['gzip', 'deflate', 'br'])(
    'answers a body that is not %s-encoded as it claims with 400 malformed_encoding',
    async (encoding) => {
      const body = await expectProblem(
        await postJson('/items', '{"name":"ballon"}', { 'content-encoding': encoding }),
        400,
        'malformed_encoding',
      );
      expect(body.title).toBe('Le corps de la requête ne correspond pas à son encodage (Content-Encoding).');
      expect(reached).toEqual([]);
    },
  );

  it('answers the same on a route that reads the raw body (webhooks)', async () => {
    await expectProblem(await postJson('/raw', 'not gzip', { 'content-encoding': 'gzip' }), 400, 'malformed_encoding');
    expect(reached).toEqual([]);
  });

  it('answers a path parameter the router cannot decode with 400 malformed_url, without its message', async () => {
    const body = await expectProblem(await fetch(`${running.url}/router-uri-error`), 400, 'malformed_url');
    expect(JSON.stringify(body)).not.toContain('Failed to decode');
  });

  it('keeps the 4xx status of another client error from Express’s layers, with a French title and no message', async () => {
    const body = await expectProblem(await fetch(`${running.url}/exposed-client-error`), 416, 'bad_request');
    expect(body.title).toBe('La requête est mal formée.');
    expect(JSON.stringify(body)).not.toContain('range not satisfiable');
  });

  it('still inflates a body that is compressed as it claims', async () => {
    const response = await postJson('/items', gzipSync('{"name":"ballon"}'), { 'content-encoding': 'gzip' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ name: 'ballon' });
  });
});

describe('unstorableTexts', () => {
  it('walks a deeply nested value without exhausting the stack', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    expect(unstorableTexts(deep)).toHaveLength(1);
  });

  it('finds nothing in storable values', () => {
    expect(unstorableTexts({ a: ['é', 1, null, true, { b: '😀' }] })).toEqual([]);
  });
});
