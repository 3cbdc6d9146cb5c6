import { z } from 'zod';
import type { ApiOperation } from './openapi';
import { responseConformance } from './response-conformance';

const operations: ApiOperation[] = [
  {
    method: 'get',
    path: '/series/:id',
    tags: [],
    summary: '',
    access: '',
    success: { status: 200, description: '', json: z.strictObject({ id: z.uuid() }) },
    refusals: [404],
  },
  {
    method: 'post',
    path: '/series/preview',
    tags: [],
    summary: '',
    access: '',
    success: { status: 200, description: '', json: z.strictObject({ total: z.number() }) },
  },
  {
    method: 'post',
    path: '/series',
    tags: [],
    summary: '',
    access: '',
    success: { status: 201, description: '', json: z.strictObject({ id: z.uuid() }) },
  },
  {
    method: 'post',
    path: '/series/:id/checkout',
    tags: [],
    summary: '',
    access: '',
    success: { status: 201, alsoStatus: 200, description: '', json: z.strictObject({ id: z.uuid() }) },
  },
  {
    method: 'delete',
    path: '/series/:id',
    tags: [],
    summary: '',
    access: '',
    success: { status: 204, description: '' },
  },
];
const check = responseConformance(operations);
const id = '7f1c0a52-52f4-4a5e-9a39-2f5f3c1d9b11';
const json = 'application/json; charset=utf-8';
const problem = (status: number) => ({ type: 'urn:x', title: 'Refusé.', status, code: 'refused' });

describe('responseConformance', () => {
  it('accepts answers as described, and paths it does not describe', () => {
    expect(check({ method: 'GET', path: `/series/${id}?x=1`, status: 200, contentType: json, body: { id } })).toEqual(
      [],
    );
    expect(
      check({ method: 'POST', path: '/series/preview', status: 200, contentType: json, body: { total: 3 } }),
    ).toEqual([]);
    expect(check({ method: 'DELETE', path: `/series/${id}`, status: 204, contentType: null, body: undefined })).toEqual(
      [],
    );
    expect(check({ method: 'GET', path: '/metrics', status: 200, contentType: 'text/plain', body: 'x 1' })).toEqual([]);
    expect(
      check({
        method: 'GET',
        path: `/series/${id}`,
        status: 404,
        contentType: 'application/problem+json; charset=utf-8',
        body: problem(404),
      }),
    ).toEqual([]);
  });

  it('names a body that differs from the description: a missing, wrong or undescribed field', () => {
    expect(
      check({ method: 'GET', path: `/series/${id}`, status: 200, contentType: json, body: { id: 'nope' } })[0],
    ).toMatch(/GET \/series\/.* answered 200 with a body the description does not allow: id:/);
    expect(
      check({ method: 'POST', path: '/series', status: 201, contentType: json, body: { id, extra: true } }),
    ).toHaveLength(1);
    // The literal route is matched, not `/series/:id`.
    expect(
      check({ method: 'POST', path: '/series/preview', status: 200, contentType: json, body: { id } }),
    ).toHaveLength(1);
  });

  it('names a success status or a media type other than described', () => {
    expect(check({ method: 'POST', path: '/series', status: 200, contentType: json, body: { id } })).toEqual([
      'POST /series answered 200, described as answering 201',
    ]);
    // An idempotent creation may answer 200 when the thing exists already, if so described.
    expect(
      check({ method: 'POST', path: `/series/${id}/checkout`, status: 200, contentType: json, body: { id } }),
    ).toEqual([]);
    expect(
      check({ method: 'POST', path: `/series/${id}/checkout`, status: 202, contentType: json, body: { id } }),
    ).toHaveLength(1);
    expect(
      check({ method: 'GET', path: `/series/${id}`, status: 200, contentType: 'text/html', body: '<p>' })[0],
    ).toMatch(/described as JSON/);
  });

  it('wants every error as problem+json carrying its own status', () => {
    expect(
      check({
        method: 'GET',
        path: '/anything',
        status: 500,
        contentType: 'text/html',
        body: 'Internal Server Error',
      })[0],
    ).toMatch(/not application\/problem\+json/);
    expect(
      check({
        method: 'GET',
        path: '/anything',
        status: 400,
        contentType: 'application/problem+json',
        body: { title: 'x' },
      })[0],
    ).toMatch(/malformed problem/);
    expect(
      check({
        method: 'GET',
        path: '/anything',
        status: 409,
        contentType: 'application/problem+json',
        body: problem(400),
      })[0],
    ).toMatch(/saying status 400/);
  });

  it('wants an error of a described operation among its described refusals, or one every operation may answer', () => {
    const error = (method: string, path: string, status: number) =>
      check({ method, path, status, contentType: 'application/problem+json', body: problem(status) });
    expect(error('GET', `/series/${id}`, 409)).toEqual([
      `GET /series/${id} answered 409 (refused), not among its described refusals 400, 413, 415, 404`,
    ]);
    expect(error('POST', '/series', 404)).toHaveLength(1);
    for (const status of [400, 413, 415]) expect(error('POST', '/series', status)).toEqual([]);
    // An unknown path belongs to no operation: any error status is its own.
    expect(error('GET', '/nowhere', 404)).toEqual([]);
  });
});
