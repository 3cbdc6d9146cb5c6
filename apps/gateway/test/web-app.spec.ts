// The gateway as the web app's host: login returns to the page the person
// was on (never off-site), and the built app is served with its own cache
// and security headers, client-side routes included.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { DEFAULT_SITE_CONFIG } from '@salle/contracts';
import { createTestDatabase, type TestDatabase, Browser } from '@salle/testing';
import { reserveGatewayUrl, startGateway, type TestGateway } from './support/gateway-harness';
import { startSandboxProcess, type SandboxProcess } from './support/identity-sandbox-process';
import { chooseIdentity } from './support/login-flow';

let database: TestDatabase;
let sandbox: SandboxProcess;
let gateway: TestGateway;
let webDir: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salle-web-build-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(
    path.join(webDir, 'index.html'),
    '<!doctype html><html lang="fr"><body><div id="root"></div><script type="module" src="/assets/app-abc123.js"></script></body></html>',
  );
  fs.writeFileSync(path.join(webDir, 'assets', 'app-abc123.js'), 'console.log("salle");');
  // What the web app's build writes next to each hashed asset (apps/web/build/precompress-plugin.mts).
  fs.writeFileSync(path.join(webDir, 'assets', 'app-abc123.js.br'), zlib.brotliCompressSync('console.log("salle");'));
  fs.writeFileSync(path.join(webDir, 'assets', 'app-abc123.js.gz'), zlib.gzipSync('console.log("salle");'));
  fs.writeFileSync(path.join(webDir, 'assets', 'plain-def456.js'), 'console.log("plain");');
  fs.writeFileSync(path.join(webDir, 'config.json'), '{"departement":"Isère"}');
  const url = await reserveGatewayUrl();
  [database, sandbox] = await Promise.all([createTestDatabase('gateway_web'), startSandboxProcess([url])]);
  gateway = await startGateway(url, database.url, sandbox, { GATEWAY_WEB_DIR: webDir });
});

afterAll(async () => {
  await gateway?.stop();
  await sandbox?.stop();
  await database?.drop();
  fs.rmSync(webDir, { recursive: true, force: true });
});

async function loginWith(returnTo: string): Promise<string | null> {
  const browser = new Browser();
  const start = await browser.request(
    `${gateway.url}/auth/franceconnect/login?returnTo=${encodeURIComponent(returnTo)}`,
  );
  expect(start.status).toBe(303);
  const callback = await chooseIdentity(browser, sandbox, new URL(start.headers.get('location') ?? ''), 'test');
  const done = await browser.request(callback);
  expect(done.status).toBe(303);
  return done.headers.get('location');
}

describe('login return path', () => {
  it('returns to the page the person was on', async () => {
    expect(await loginWith('/reservations/42?onglet=paiement')).toBe('/reservations/42?onglet=paiement');
  });

  it.each(['//evil.example/steal', 'https://evil.example/', '/\\evil.example', '/auth/logout'])(
    'never leaves the site for %s',
    async (target) => {
      expect(await loginWith(target)).toBe('/');
    },
  );
});

describe('serving the web app', () => {
  it('serves index.html for the app routes, with a policy that allows only its own scripts', async () => {
    for (const page of ['/', '/reservations/42', '/recherche?commune=38185']) {
      const response = await fetch(`${gateway.url}${page}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root"></div>');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("img-src 'self' data: https:");
      expect(policy).toContain(`form-action 'self' ${new URL(sandbox.url).origin}`);
    }
  });

  it('caches fingerprinted assets for a year and the configuration not at all', async () => {
    const asset = await fetch(`${gateway.url}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const config = await fetch(`${gateway.url}/config.json`);
    // Parsed at start: a file naming nothing the configuration knows gives the neutral defaults, complete.
    expect(await config.json()).toEqual(DEFAULT_SITE_CONFIG);
    expect(config.headers.get('cache-control')).toBe('no-cache');
  });

  it('sends the precompressed asset the browser accepts, brotli first, with its own type and a year of cache', async () => {
    for (const [accepted, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['identity', null],
    ] as const) {
      const asset = await fetch(`${gateway.url}/assets/app-abc123.js`, { headers: { 'accept-encoding': accepted } });
      expect({ accepted, status: asset.status, encoding: asset.headers.get('content-encoding') }).toEqual({
        accepted,
        status: 200,
        encoding,
      });
      expect(await asset.text()).toBe('console.log("salle");');
      expect(asset.headers.get('content-type')).toMatch(/^text\/javascript|^application\/javascript/);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('vary')).toContain('Accept-Encoding');
    }
    const plain = await fetch(`${gateway.url}/assets/plain-def456.js`, { headers: { 'accept-encoding': 'br' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe('console.log("plain");');
  });

  it('answers 304 without a body to a repeat visit holding the page, its configuration and its theme', async () => {
    // As a browser revalidates (fetch given a condition alone would add `Cache-Control: no-cache`, a reload).
    const revalidate = (file: string, condition: Record<string, string>) =>
      fetch(`${gateway.url}${file}`, { headers: { ...condition, 'cache-control': 'max-age=0' } });
    // The page by its date (the file's), the configuration and the theme by their ETags (their text's).
    const page = await fetch(`${gateway.url}/`);
    const since = page.headers.get('last-modified') ?? '';
    expect(since).not.toBe('');
    const again = await revalidate('/', { 'if-modified-since': since });
    expect([again.status, await again.text()]).toEqual([304, '']);
    for (const file of ['/config.json', '/theme.css']) {
      const first = await fetch(`${gateway.url}${file}`);
      const etag = first.headers.get('etag') ?? '';
      expect({ file, status: first.status, etag }).toEqual({ file, status: 200, etag: expect.stringMatching(/^"/) });
      const held = await revalidate(file, { 'if-none-match': etag });
      expect({ file, status: held.status, body: await held.text() }).toEqual({ file, status: 304, body: '' });
      const changed = await revalidate(file, { 'if-none-match': '"something-else"' });
      expect({ file, status: changed.status, etag: changed.headers.get('etag') }).toEqual({ file, status: 200, etag });
    }
  });

  it('serves the neutral theme when the site configuration names no colours', async () => {
    const theme = await fetch(`${gateway.url}/theme.css`);
    expect(theme.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await theme.text()).toContain('--salle-primary:#1f4e79;');
  });

  it('leaves the API, login and missing files alone', async () => {
    const api = await fetch(`${gateway.url}/api/nowhere`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${gateway.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/.well-known/internal-jwks.json`)).headers.get('content-type')).toContain(
      'application/json',
    );
  });
});

describe('in development, with the web dev server', () => {
  let devGateway: TestGateway;
  let devServer: http.Server;
  const seen: string[] = [];
  const siteConfig = {
    departmentName: 'Département de la Drôme',
    serviceTitle: 'Salles des collèges',
    contactEmail: 'salles@ladrome.example',
    logo: { file: 'drome/logo.png', url: '/branding/drome.svg', alt: 'Département de la Drôme' },
    favicon: 'drome/favicon.svg',
    theme: { primaryColor: '#6a1b4d', secondaryColor: '#00705a' },
  };
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>';

  beforeAll(async () => {
    // Stands in for Vite's dev server: an HTML page with the inline script React refresh injects.
    devServer = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><script type="module">import "/@react-refresh"</script><div id="root"></div>');
    });
    await new Promise<void>((resolve) => devServer.listen(0, '127.0.0.1', resolve));
    const devUrl = `http://127.0.0.1:${(devServer.address() as AddressInfo).port}`;
    const url = await reserveGatewayUrl();
    fs.writeFileSync(path.join(webDir, 'drome.json'), JSON.stringify(siteConfig));
    fs.mkdirSync(path.join(webDir, 'drome'));
    fs.writeFileSync(path.join(webDir, 'drome', 'logo.png'), png);
    fs.writeFileSync(path.join(webDir, 'drome', 'favicon.svg'), svg);
    devGateway = await startGateway(url, database.url, sandbox, {
      NODE_ENV: 'development',
      GATEWAY_WEB_DEV_URL: devUrl,
      GATEWAY_SITE_CONFIG: path.join(webDir, 'drome.json'),
    });
  });
  afterAll(async () => {
    await devGateway?.stop();
    await new Promise((resolve) => devServer.close(resolve));
  });

  it('passes page requests to the dev server, without the production script policy', async () => {
    const page = await fetch(`${devGateway.url}/reservations/42?x=1`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/@react-refresh');
    expect(page.headers.get('content-security-policy')).toBeNull();
    expect(seen).toContain('/reservations/42?x=1');
  });

  it('serves another département’s identity from GATEWAY_SITE_CONFIG: its colours and its configuration', async () => {
    const before = seen.length;
    expect(await (await fetch(`${devGateway.url}/theme.css`)).text()).toBe(
      ':root{--salle-primary:#6a1b4d;--salle-on-primary:#ffffff;--salle-secondary:#00705a;--salle-on-secondary:#ffffff}\n',
    );
    const config = await fetch(`${devGateway.url}/config.json`);
    expect(config.headers.get('cache-control')).toBe('no-cache');
    // Parsed at start, complete (the defaults where the file says nothing); the logo at the gateway's URL; the
    // files' places on the server and the theme (served as /theme.css) stay out.
    expect(await config.json()).toEqual({
      ...DEFAULT_SITE_CONFIG,
      departmentName: siteConfig.departmentName,
      serviceTitle: siteConfig.serviceTitle,
      contactEmail: siteConfig.contactEmail,
      logo: { url: '/site/logo', alt: 'Département de la Drôme' },
    });
    expect(seen).toHaveLength(before);
  });

  it('serves the logo and favicon the configuration names, as the images they are', async () => {
    const logo = await fetch(`${devGateway.url}/site/logo`);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await logo.arrayBuffer())).toEqual(png);
    const favicon = await fetch(`${devGateway.url}/site/favicon`);
    expect(favicon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(favicon.headers.get('x-content-type-options')).toBe('nosniff');
    expect(favicon.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await favicon.text()).toBe(svg);
  });

  it('shows the département’s identity and colours on the gateway’s own pages too', async () => {
    const page = await fetch(`${devGateway.url}/auth/franceconnect/callback`);
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('<img class="site-logo" src="/site/logo" alt="Département de la Drôme">');
    expect(html).toContain('<link rel="icon" href="/site/favicon">');
    // The footer: contact, then the legal pages.
    expect(html).toContain('Contact\u00a0: <a href="mailto:salles@ladrome.example">salles@ladrome.example</a>');
    expect(html).toContain('<li><a href="/mentions-legales">Mentions légales</a></li>');
    expect(html).toContain('<li><a href="/accessibilite">Accessibilité\u00a0: non conforme</a></li>');
    expect(html).toContain('<p class="site-name"><a href="/">Salles des collèges</a></p>');
    expect(html).toContain('<link rel="stylesheet" href="/theme.css">');
  });

  it('keeps the API and login for itself', async () => {
    const before = seen.length;
    expect((await fetch(`${devGateway.url}/api/nowhere`)).status).toBe(404);
    expect((await fetch(`${devGateway.url}/.well-known/internal-jwks.json`)).status).toBe(200);
    expect(seen).toHaveLength(before);
  });
});
