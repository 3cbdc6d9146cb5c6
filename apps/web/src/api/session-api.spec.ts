import { loginUrl, safeReturnTo } from './session-api';

describe('login redirects', () => {
  it('only ever returns to a path of this app', () => {
    expect(safeReturnTo('/espaces/1/reserver?debut=x')).toBe('/espaces/1/reserver?debut=x');
    expect(safeReturnTo('https://evil.example/')).toBe('/');
    expect(safeReturnTo('//evil.example/')).toBe('/');
    expect(safeReturnTo('/\\evil.example')).toBe('/');
    expect(safeReturnTo('/auth/logout')).toBe('/');
    expect(safeReturnTo('/connexion?returnTo=/x')).toBe('/');
    expect(safeReturnTo(null)).toBe('/');
  });

  it('builds the gateway login URL with the return path', () => {
    expect(loginUrl('franceconnect', '/mes-reservations')).toBe(
      '/auth/franceconnect/login?returnTo=%2Fmes-reservations',
    );
    expect(loginUrl('proconnect', 'https://evil.example')).toBe('/auth/proconnect/login?returnTo=%2F');
  });
});
