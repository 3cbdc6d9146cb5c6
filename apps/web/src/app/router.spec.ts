import { isAppPath, matchPath } from './router';

describe('router', () => {
  it('matches paths with parameters', () => {
    expect(matchPath('/espaces/:spaceId', '/espaces/4c1a')).toEqual({ spaceId: '4c1a' });
    expect(matchPath('/espaces/:spaceId/reserver', '/espaces/4c1a/reserver/')).toEqual({ spaceId: '4c1a' });
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/espaces/:spaceId', '/espaces')).toBeNull();
    expect(matchPath('/gestion/:id', '/admin/x')).toBeNull();
    expect(matchPath('/espaces/:spaceId', '/espaces/%E2%82%AC')).toEqual({ spaceId: '€' });
    expect(matchPath('/espaces/:spaceId', '/espaces/%E2%82')).toBeNull();
  });

  it('leaves logins, API calls and files to the browser', () => {
    expect(isAppPath('/mes-reservations')).toBe(true);
    expect(isAppPath('/espaces/1?semaine=2026-03-02')).toBe(true);
    expect(isAppPath('/auth/franceconnect/login?returnTo=%2F')).toBe(false);
    expect(isAppPath('/api/payment/bookings/1/receipt.pdf')).toBe(false);
    expect(isAppPath('/config.json')).toBe(false);
    expect(isAppPath('//evil.example/x')).toBe(false);
    expect(isAppPath('https://franceconnect.gouv.fr/')).toBe(false);
  });
});
