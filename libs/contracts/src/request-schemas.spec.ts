import fc from 'fast-check';
import type { z } from 'zod';
import * as contracts from './index';

// Every schema the services validate requests with: whatever JSON a client sends, or
// whatever a query string becomes, parsing reports issues and never throws.
const schemas = Object.entries(contracts as Record<string, unknown>).filter(
  (entry): entry is [string, z.ZodType] =>
    entry[0].endsWith('Schema') && typeof (entry[1] as { safeParse?: unknown }).safeParse === 'function',
);

describe('request schemas', () => {
  it('are many', () => {
    expect(schemas.length).toBeGreaterThan(40);
  });

  it.each(schemas)('%s answers any JSON value with a result, never an exception', (_name, schema) => {
    for (const odd of [null, undefined, 0, '', [], {}, 'x', true]) expect(() => schema.safeParse(odd)).not.toThrow();
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(typeof schema.safeParse(value).success).toBe('boolean');
      }),
      { numRuns: 60 },
    );
  });
});
