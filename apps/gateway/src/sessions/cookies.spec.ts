import type { Request, Response } from 'express';
import { Cookies } from './cookies';

function capture() {
  const lines: string[] = [];
  const res = { append: (_name: string, value: string) => lines.push(value) } as unknown as Response;
  return { res, lines };
}

describe('cookies', () => {
  it('are httpOnly and SameSite=Lax; over https Secure with the __Host- prefix', () => {
    const http = new Cookies(false);
    const https = new Cookies(true);
    expect(http.names).toEqual({ session: 'salle_session', login: 'salle_login' });
    expect(https.names).toEqual({ session: '__Host-salle_session', login: '__Host-salle_login' });
    const plain = capture();
    http.set(plain.res, http.names.session, 'abc');
    const secure = capture();
    https.set(secure.res, https.names.session, 'abc');
    https.clear(secure.res, https.names.login);
    expect(plain.lines).toEqual(['salle_session=abc; Path=/; HttpOnly; SameSite=Lax']);
    expect(secure.lines).toEqual([
      '__Host-salle_session=abc; Path=/; HttpOnly; SameSite=Lax; Secure',
      '__Host-salle_login=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0',
    ]);
  });

  it('reads one cookie by its exact name', () => {
    const cookies = new Cookies(true);
    const req = {
      headers: { cookie: 'salle_session=plain; __Host-salle_session=secure ; other=1' },
    } as unknown as Request;
    expect(cookies.read(req, cookies.names.session)).toBe('secure');
    expect(cookies.read({ headers: {} } as Request, cookies.names.session)).toBeUndefined();
  });
});
