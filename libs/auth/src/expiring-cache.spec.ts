import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache', () => {
  let clock: number;
  const cache = (limit = 10) => new ExpiringCache<string>(limit, () => clock);
  beforeEach(() => {
    clock = 1_000_000_000_000;
  });

  it('serves a value until its expiry, never at or after it, and forgets it then', () => {
    const kept = cache();
    const expiresAt = clock + 60_000;
    kept.set('a.b.c', 'alice', expiresAt);
    expect(kept.get('a.b.c')).toBe('alice');
    clock = expiresAt - 1;
    expect(kept.get('a.b.c')).toBe('alice');
    clock = expiresAt;
    expect(kept.get('a.b.c')).toBeUndefined();
    clock -= 10_000;
    expect(kept.get('a.b.c')).toBeUndefined();
    expect(kept.size).toBe(0);
  });

  it('serves a value only if it stays good for the margin asked', () => {
    const kept = cache();
    kept.set('token', 'alice', clock + 60_000);
    expect(kept.get('token', 30_000)).toBe('alice');
    clock += 30_000;
    expect(kept.get('token', 30_000)).toBeUndefined();
  });

  it('knows only the exact key: any other string is a miss', () => {
    const kept = cache();
    kept.set('header.payload.signature', 'alice', clock + 60_000);
    for (const other of ['header.payload.signaturf', 'header.payload.signatur', 'header.payload.signature '])
      expect(kept.get(other)).toBeUndefined();
  });

  it('does not keep a value already expired', () => {
    const kept = cache();
    kept.set('a.b.c', 'alice', clock);
    expect(kept.size).toBe(0);
  });

  it('is bounded: past its limit the oldest entry is dropped', () => {
    const kept = cache(3);
    for (let i = 0; i < 10; i += 1) kept.set(`token-${i}`, String(i), clock + 60_000 + i);
    expect(kept.size).toBe(3);
    expect(kept.get('token-6')).toBeUndefined();
    expect(['token-7', 'token-8', 'token-9'].map((token) => kept.get(token))).toEqual(['7', '8', '9']);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new ExpiringCache(0)).toThrow(RangeError);
    expect(() => new ExpiringCache(1.5)).toThrow(RangeError);
  });
});
