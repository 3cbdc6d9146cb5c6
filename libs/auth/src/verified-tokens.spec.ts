import type { Caller } from './internal-token';
import { VerifiedTokens } from './verified-tokens';

const caller = (accountId: string): Caller => ({
  accountId,
  provider: 'franceconnect',
  displayName: 'Angela Claire Louise Dubois',
  roles: [],
});

describe('VerifiedTokens', () => {
  let clock: number;
  const tokens = (limit = 10) => new VerifiedTokens(limit, () => clock);
  beforeEach(() => {
    clock = 1_000_000_000_000;
  });

  it('serves a remembered token’s caller until its expiry, never at or after it', () => {
    const kept = tokens();
    const exp = clock / 1000 + 60;
    kept.remember('a.b.c', caller('1'), exp);
    expect(kept.get('a.b.c')).toEqual(caller('1'));
    clock = exp * 1000 - 1;
    expect(kept.get('a.b.c')).toEqual(caller('1'));
    clock = exp * 1000;
    expect(kept.get('a.b.c')).toBeUndefined();
    // And forgotten: going back in time does not bring it back.
    clock -= 10_000;
    expect(kept.get('a.b.c')).toBeUndefined();
    expect(kept.size).toBe(0);
  });

  it('knows only the exact string: any other token is a miss', () => {
    const kept = tokens();
    kept.remember('header.payload.signature', caller('1'), clock / 1000 + 60);
    expect(kept.get('header.payload.signaturf')).toBeUndefined();
    expect(kept.get('header.payload.signatur')).toBeUndefined();
    expect(kept.get('header.payload.signature ')).toBeUndefined();
  });

  it('does not keep a token already expired', () => {
    const kept = tokens();
    kept.remember('a.b.c', caller('1'), clock / 1000);
    expect(kept.size).toBe(0);
    expect(kept.get('a.b.c')).toBeUndefined();
  });

  it('is bounded: past its limit the oldest token is dropped', () => {
    const kept = tokens(3);
    for (let i = 0; i < 10; i += 1) kept.remember(`token-${i}`, caller(String(i)), clock / 1000 + 60 + i);
    expect(kept.size).toBe(3);
    expect(kept.get('token-6')).toBeUndefined();
    expect(['token-7', 'token-8', 'token-9'].map((token) => kept.get(token)?.accountId)).toEqual(['7', '8', '9']);
  });

  it('hands each request its own copy, so that no request can change another’s caller', () => {
    const kept = tokens();
    kept.remember('a.b.c', { ...caller('1'), roles: ['department_admin'] }, clock / 1000 + 60);
    const first = kept.get('a.b.c');
    first?.roles.pop();
    if (first) first.displayName = 'someone else';
    expect(kept.get('a.b.c')).toEqual({ ...caller('1'), roles: ['department_admin'] });
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new VerifiedTokens(0)).toThrow(RangeError);
    expect(() => new VerifiedTokens(1.5)).toThrow(RangeError);
  });
});
