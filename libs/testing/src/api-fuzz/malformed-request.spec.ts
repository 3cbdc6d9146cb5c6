import fc from 'fast-check';
import { malformedRequests, type FuzzOperation } from './malformed-request';

const operation: FuzzOperation = {
  method: 'post',
  path: '/establishments/{id}/closures',
  parameters: [
    { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
  ],
  body: {
    type: 'object',
    properties: {
      startsOn: { type: 'string', format: 'date' },
      reason: { type: 'string', maxLength: 200 },
      spaceId: { $ref: '#/components/schemas/Id' },
    },
    required: ['startsOn', 'reason'],
  },
};
const resolve = () => ({ type: 'string', format: 'uuid' });

describe('malformedRequests', () => {
  const sample = (seed: number) => fc.sample(malformedRequests(operation, resolve, 3), { seed, numRuns: 400 });

  it('sends the same requests for the same seed, and others for another', () => {
    expect(sample(7)).toEqual(sample(7));
    expect(sample(8)).not.toEqual(sample(7));
  });

  it('breaks requests in every way the fuzz test promises', () => {
    const requests = sample(7);
    const bodies = requests.map((request) => (request.body === undefined ? '' : String(request.body)));
    const some = (found: (index: number) => boolean) => requests.some((_request, index) => found(index));
    expect(some((i) => /^\/establishments\/[0-9a-f-]{36}\/closures/.test(requests[i]?.url ?? ''))).toBe(true);
    expect(some((i) => /%ZZ|%E9|%C3%28/.test(requests[i]?.url ?? ''))).toBe(true);
    expect(some((i) => (requests[i]?.url ?? '').includes('%00'))).toBe(true);
    expect(some((i) => (bodies[i] ?? '').includes('\\u0000'))).toBe(true);
    expect(some((i) => /\\ud[89ab]/i.test(bodies[i] ?? ''))).toBe(true);
    expect(some((i) => (bodies[i] ?? '').length > 100_000)).toBe(true);
    expect(
      some((i) => /"startsOn":"\d{4}-\d{2}-\d{2}"/.test(bodies[i] ?? '') && !(bodies[i] ?? '').includes('"reason"')),
    ).toBe(true);
    expect(some((i) => /2024-02-30|2024-13-45|not-a-date|31\/12\/2024/.test(`${requests[i]?.url}${bodies[i]}`))).toBe(
      true,
    );
    expect(some((i) => /not-a-uuid|00000000-0000-0000-0000-00000000000g/.test(`${requests[i]?.url}${bodies[i]}`))).toBe(
      true,
    );
    expect(some((i) => ['gzip', 'deflate', 'br'].includes(requests[i]?.headers['content-encoding'] ?? ''))).toBe(true);
    expect(some((i) => (requests[i]?.headers['content-type'] ?? 'application/json') !== 'application/json')).toBe(true);
    expect(new Set(requests.map((request) => request.caller))).toEqual(new Set([0, 1, 2]));
  });
});
