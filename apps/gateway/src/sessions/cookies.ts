import type { Request, Response } from 'express';

export interface CookieNames {
  session: string;
  /** Binds login attempts to the browser that started them. */
  login: string;
}

/**
 * Cookie names and attributes. Over https the names take the `__Host-`
 * prefix, which browsers honour only with Secure, Path=/ and no Domain:
 * a sibling sub-domain can then neither set nor overwrite them.
 */
export class Cookies {
  readonly names: CookieNames;

  constructor(private readonly secure: boolean) {
    const prefix = secure ? '__Host-' : '';
    this.names = { session: `${prefix}salle_session`, login: `${prefix}salle_login` };
  }

  read(req: Request, name: string): string | undefined {
    const header = req.headers.cookie;
    if (!header) return undefined;
    for (const part of header.split(';')) {
      const separator = part.indexOf('=');
      if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
    }
    return undefined;
  }

  /** `maxAgeSeconds` undefined: a browser-session cookie; 0: deletes it. */
  set(res: Response, name: string, value: string, maxAgeSeconds?: number): void {
    const attributes = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
    if (this.secure) attributes.push('Secure');
    if (maxAgeSeconds !== undefined) attributes.push(`Max-Age=${maxAgeSeconds}`);
    res.append('Set-Cookie', attributes.join('; '));
  }

  clear(res: Response, name: string): void {
    this.set(res, name, '', 0);
  }
}
