import { Writable } from 'node:stream';
import { z } from 'zod';
import { createLogger } from '@salle/runtime';
import { PROBLEM_CONTENT_TYPE, type Problem } from '@salle/contracts';
import {
  AppError,
  createHttpApp,
  createMetrics,
  createMetricsApp,
  labelRoute,
  parseRequest,
  serverTimingOf,
  startHttpServer,
  type RunningServer,
} from './index';

const itemSchema = z.strictObject({ name: z.string().min(1), quantity: z.number().int().positive() });

function logSink() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _e, cb) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      cb();
    },
  });
  return { lines, destination };
}

describe('createHttpApp', () => {
  const logs = logSink();
  let running: RunningServer;
  let metricsServer: RunningServer;
  let ready = true;

  beforeAll(async () => {
    const logger = createLogger({ service: 'test', destination: logs.destination });
    const metrics = createMetrics('test');
    const app = createHttpApp({
      service: 'test',
      logger,
      metrics,
      bodyLimit: '1kb',
      readinessChecks: [{ name: 'flag', check: async () => (ready ? undefined : Promise.reject(new Error('down'))) }],
      routes: (app) => {
        app.post('/items', (req, res) => {
          const item = parseRequest(itemSchema, req.body);
          res.status(201).json(item);
        });
        app.get('/boom', () => {
          throw new Error('password=hunter2 leaked by a driver');
        });
        app.get('/async-boom', async () => {
          await Promise.resolve();
          throw new TypeError('cannot read properties of undefined');
        });
        app.use('/mounted', (_req, res) => {
          labelRoute(res, '/mounted/*');
          res.status(204).end();
        });
        app.get('/slow', async (_req, res) => {
          await new Promise((resolve) => setTimeout(resolve, 40));
          res.status(204).end();
        });
        app.get('/teapot', () => {
          throw new AppError(409, 'slot_unavailable', 'Ce créneau est déjà réservé.');
        });
      },
    });
    running = await startHttpServer(app, 0);
    metricsServer = await startHttpServer(createMetricsApp(metrics), 0);
  });

  afterAll(async () => {
    await running.close();
    await metricsServer.close();
  });

  const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${running.url}${path}`, { method: 'POST', body, headers });

  async function expectProblem(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
    const body = (await response.json()) as Problem;
    expect(body).toMatchObject({ status, code, type: `urn:salle-sur-demande:problem:${code}` });
    expect(typeof body.title).toBe('string');
    return body;
  }

  it('accepts a valid JSON body', async () => {
    const response = await post('/items', JSON.stringify({ name: 'ballon', quantity: 2 }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ name: 'ballon', quantity: 2 });
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    await expectProblem(await post('/items', '{"name": "ballon",'), 400, 'malformed_json');
  });

  it('answers a non-JSON body with 415', async () => {
    await expectProblem(
      await post('/items', 'name=ballon', { 'content-type': 'text/plain' }),
      415,
      'unsupported_media_type',
    );
  });

  it('answers an oversized body with 413', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(5_000), quantity: 1 });
    await expectProblem(await post('/items', big), 413, 'payload_too_large');
  });

  it('answers an unknown route with 404', async () => {
    await expectProblem(await fetch(`${running.url}/nowhere`), 404, 'route_not_found');
  });

  it('names every invalid field, unknown fields included', async () => {
    const body = await expectProblem(
      await post('/items', JSON.stringify({ name: '', quantity: -1, colour: 'red' })),
      400,
      'validation_failed',
    );
    const fields = (body.errors ?? []).map((e) => e.field).sort();
    expect(fields).toEqual(['(racine)', 'name', 'quantity']);
    expect(JSON.stringify(body.errors)).toContain('colour');
  });

  it('keeps the status and code of an AppError', async () => {
    const body = await expectProblem(await fetch(`${running.url}/teapot`), 409, 'slot_unavailable');
    expect(body.title).toBe('Ce créneau est déjà réservé.');
  });

  it.each(['/boom', '/async-boom'])(
    'turns an unexpected error on %s into a 500 with only an error id',
    async (path) => {
      const response = await fetch(`${running.url}${path}`);
      const body = await expectProblem(response, 500, 'internal_error');
      expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/hunter2|undefined|at .*\.ts|stack/i);
      const logged = logs.lines.find((line) => line['errorId'] === body.errorId);
      expect(logged).toBeDefined();
      expect(JSON.stringify(logged)).toContain('stack');
    },
  );

  it('echoes an incoming request id and logs it', async () => {
    const response = await fetch(`${running.url}/nowhere`, { headers: { 'x-request-id': 'abc-123' } });
    expect(response.headers.get('x-request-id')).toBe('abc-123');
    expect(((await response.json()) as Problem).requestId).toBe('abc-123');
    const line = logs.lines.find((l) => (l['req'] as { id?: string } | undefined)?.id === 'abc-123');
    expect(line).toBeDefined();
  });

  it('logs paths without their secrets: calendar feed tokens are masked, ids are kept', async () => {
    const token = 'ab12'.repeat(16);
    const id = '0b6a2f4e-6d1c-4f7e-9b8a-3c2d1e0f9a8b';
    await fetch(`${running.url}/calendars/establishments/${token}.ics?x=1`, { headers: { 'x-request-id': 'feed-1' } });
    await fetch(`${running.url}/bookings/${id}`, { headers: { 'x-request-id': 'id-1' } });
    const pathOf = (requestId: string) =>
      (
        logs.lines.find((l) => (l['req'] as { id?: string } | undefined)?.id === requestId)?.['req'] as {
          path?: string;
        }
      )?.path;
    expect(pathOf('feed-1')).toBe('/calendars/establishments/[secret].ics');
    expect(pathOf('id-1')).toBe(`/bookings/${id}`);
    expect(JSON.stringify(logs.lines)).not.toContain(token);
  });

  it('replaces a missing or unsafe request id with a fresh one', async () => {
    const missing = await fetch(`${running.url}/healthz`);
    const unsafe = await fetch(`${running.url}/healthz`, { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(missing.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports liveness, readiness and metrics', async () => {
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    ready = true;
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    ready = false;
    const down = await fetch(`${running.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', checks: { flag: 'down' } });
    ready = true;
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    await post('/items', JSON.stringify({ name: 'ballon', quantity: 1 }));
    await fetch(`${running.url}/items/0b6a2f4e-6d1c-4f7e-9b8a-3c2d1e0f9a8b`);
    await fetch(`${running.url}/mounted/a/b`);
    const metrics = await (await fetch(`${metricsServer.url}/metrics`)).text();
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="\/items"[^}]*status="201"/);
    // A mounted handler is counted under the label it gives; an unknown path never under its raw path.
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="\/mounted\/\*"[^}]*status="204"/);
    expect(metrics).not.toContain('0b6a2f4e');
  });

  it('serves no metrics on the app itself, and nothing but metrics on the metrics listener', async () => {
    const onApp = await fetch(`${running.url}/metrics`);
    expect(onApp.status).toBe(404);
    expect(((await onApp.json()) as Problem).code).toBe('route_not_found');
    expect((await fetch(`${metricsServer.url}/healthz`)).status).toBe(404);
    expect((await fetch(`${metricsServer.url}/items`)).status).toBe(404);
  });

  it('sets security headers', async () => {
    const response = await fetch(`${running.url}/healthz`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('says in Server-Timing how long the server took, its handler included', async () => {
    const quick = serverTimingOf((await fetch(`${running.url}/healthz`)).headers.get('server-timing'));
    const slow = serverTimingOf((await fetch(`${running.url}/slow`)).headers.get('server-timing'));
    const refused = await post('/items', '{');
    expect(quick).not.toBeNull();
    expect(quick as number).toBeLessThan(40);
    expect(slow as number).toBeGreaterThanOrEqual(39);
    // Errors too: a refusal's time is the server's as much as a success's.
    expect(serverTimingOf(refused.headers.get('server-timing'))).not.toBeNull();
  });
});
