/**
 * A test browser: `fetch` without automatic redirects and a cookie jar keyed
 * by name (paths, domains and ports ignored, as browsers ignore ports: the
 * gateway and the sandbox share 127.0.0.1).
 */
export class Browser {
  readonly cookies = new Map<string, string>();

  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0 && !headers.has('cookie')) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.store(line);
    return response;
  }

  postForm(url: string | URL, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * Follows redirects while they stay on `origin`; returns the first response
   * that is not such a redirect, with the URL it answered (or, for a redirect
   * elsewhere, the URL it points to).
   */
  async navigate(url: string | URL, origin: string, init?: RequestInit): Promise<{ response: Response; url: URL }> {
    let current = new URL(url);
    let response = await this.request(current, init);
    for (let hops = 0; hops < 10; hops += 1) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: current };
      const next = new URL(location, current);
      if (next.origin !== origin) return { response, url: next };
      current = next;
      response = await this.request(current);
    }
    throw new Error(`too many redirects from ${String(url)}`);
  }

  cookieNames(): string[] {
    return [...this.cookies.keys()];
  }

  private store(line: string): void {
    const [pair = '', ...attributes] = line.split(';');
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    const expired = attributes.some((attribute) => {
      const [key = '', attributeValue = ''] = attribute.split('=');
      const lower = key.trim().toLowerCase();
      if (lower === 'max-age') return Number(attributeValue) <= 0;
      if (lower === 'expires') return Date.parse(attributeValue) <= Date.now();
      return false;
    });
    if (expired || value === '') this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

/** The `action` of the first form of an HTML page (or of the form containing `marker`), resolved against `base`. */
export function formAction(html: string, base: URL): URL {
  const match = /<form[^>]*action="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no form on the page');
  return new URL(match[1].replace(/&amp;/g, '&'), base);
}

/** The hidden inputs of a page, by name. */
export function hiddenInputs(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\s*\/?>/g)) {
    if (match[1])
      fields[match[1]] = (match[2] ?? '').replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
  }
  return fields;
}

/** On the identity sandbox's login page: the value of the identity button whose value or label is `choice`. */
export function identityValue(html: string, choice: string): string {
  for (const match of html.matchAll(/<button type="submit" name="identity" value="([^"]+)">([^<]*)<\/button>/g)) {
    const value = match[1] ?? '';
    const label = (match[2] ?? '').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    if (value === choice || label === choice || label.startsWith(`${choice} —`)) return value;
  }
  throw new Error(`no identity "${choice}" on the login page`);
}

/** The href of the link whose text starts with `text`. */
export function linkHref(html: string, text: string, base: URL): URL {
  for (const match of html.matchAll(/<a href="([^"]+)"[^>]*>([^<]*)<\/a>/g)) {
    if (match[2]?.startsWith(text) && match[1]) return new URL(match[1].replace(/&amp;/g, '&'), base);
  }
  throw new Error(`no link "${text}" on the page`);
}
