import { clientPseudonym } from './client-pseudonym';

describe('client pseudonyms', () => {
  const secret = 'a-test-secret-of-more-than-thirty-two-characters';
  const morning = new Date('2026-12-06T07:00:00Z');
  const evening = new Date('2026-12-06T22:59:59Z');
  const nextDay = new Date('2026-12-07T00:00:01Z');

  it('gives the same pseudonym to one address all day, and another one the next day', () => {
    const first = clientPseudonym(secret, '203.0.113.7', morning);
    expect(clientPseudonym(secret, '203.0.113.7', evening)).toBe(first);
    expect(clientPseudonym(secret, '203.0.113.7', nextDay)).not.toBe(first);
    expect(first).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('tells addresses apart, and depends on the secret', () => {
    const first = clientPseudonym(secret, '203.0.113.7', morning);
    expect(clientPseudonym(secret, '203.0.113.8', morning)).not.toBe(first);
    expect(clientPseudonym(`${secret}-rotated`, '203.0.113.7', morning)).not.toBe(first);
    expect(first).not.toContain('203');
  });
});
