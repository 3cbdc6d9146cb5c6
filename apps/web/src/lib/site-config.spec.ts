import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SITE_CONFIG, loadSiteConfig, parseSiteConfig } from './site-config';

describe('site configuration', () => {
  it('reads a département’s branding and keeps defaults for what is missing or wrong', () => {
    const config = parseSiteConfig({
      departmentName: 'Département de la Drôme',
      logo: { url: '/branding/drome.svg', alt: 'Département de la Drôme' },
      accessibilityStatus: 'whatever',
      contactEmail: 'salles@ladrome.example',
    });
    expect(config.departmentName).toBe('Département de la Drôme');
    expect(config.logo).toEqual({ url: '/branding/drome.svg', alt: 'Département de la Drôme' });
    expect(config.accessibilityStatus).toBe('non compliant');
    expect(config.publisher).toBe('Département de la Drôme');
    expect(config.serviceTitle).toBe(DEFAULT_SITE_CONFIG.serviceTitle);
    expect(parseSiteConfig({ logo: { url: '/x.svg' } }).logo).toBeNull(); // a logo needs its text alternative
    expect(parseSiteConfig('nonsense')).toEqual(DEFAULT_SITE_CONFIG);
    // The neutral default carries no State symbol.
    expect(JSON.stringify(DEFAULT_SITE_CONFIG)).not.toMatch(/république|marianne/i);
  });

  describe('loadSiteConfig', () => {
    let server: Server;
    let origin: string;
    let body = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url === '/config.json') {
          res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
          res.end(body);
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const fetchFrom = ((input: string, init?: RequestInit) => fetch(`${origin}${input}`, init)) as typeof fetch;

    it('fetches /config.json, and falls back to defaults when it is absent, broken or slow', async () => {
      body = JSON.stringify({ departmentName: "Département de l'Isère" });
      expect((await loadSiteConfig(fetchFrom)).departmentName).toBe("Département de l'Isère");
      body = '';
      expect(await loadSiteConfig(fetchFrom)).toEqual(DEFAULT_SITE_CONFIG);
      body = '{not json';
      expect(await loadSiteConfig(fetchFrom)).toEqual(DEFAULT_SITE_CONFIG);
      const slow = createServer(() => undefined); // never answers
      await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
      const slowOrigin = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
      const started = Date.now();
      expect(
        await loadSiteConfig(
          ((input: string, init?: RequestInit) => fetch(`${slowOrigin}${input}`, init)) as typeof fetch,
          100,
        ),
      ).toEqual(DEFAULT_SITE_CONFIG);
      expect(Date.now() - started).toBeLessThan(2000);
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    });
  });
});
