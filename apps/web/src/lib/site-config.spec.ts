import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingLegalFields, parseSiteConfig } from '@salle/contracts';
import { accessibilityConformity, DEFAULT_SITE_CONFIG, loadSiteConfig } from './site-config';

describe('site configuration', () => {
  it('reads a département’s branding and keeps defaults for what is missing or wrong', () => {
    const config = parseSiteConfig({
      departmentName: 'Département de la Drôme',
      logo: { url: '/branding/drome.svg', alt: 'Département de la Drôme' },
      contactEmail: 'salles@ladrome.example',
      legal: { notice: { publicationDirector: 'La présidente du Conseil départemental', host: { name: 42 } } },
    });
    expect(config.departmentName).toBe('Département de la Drôme');
    expect(config.logo).toEqual({ url: '/branding/drome.svg', alt: 'Département de la Drôme' });
    expect(config.contactEmail).toBe('salles@ladrome.example');
    expect(config.serviceTitle).toBe(DEFAULT_SITE_CONFIG.serviceTitle);
    // Member by member: a malformed host keeps the default host, the valid director stays.
    expect(config.legal.notice.publicationDirector).toBe('La présidente du Conseil départemental');
    expect(config.legal.notice.host).toEqual(DEFAULT_SITE_CONFIG.legal.notice.host);
    expect(config.legal.personalData).toEqual(DEFAULT_SITE_CONFIG.legal.personalData);
    expect(parseSiteConfig({ logo: { url: '/x.svg' } }).logo).toBeNull(); // a logo needs its text alternative
    expect(parseSiteConfig({ contactEmail: 'not an address' }).contactEmail).toBe(DEFAULT_SITE_CONFIG.contactEmail);
    expect(parseSiteConfig('nonsense')).toEqual(DEFAULT_SITE_CONFIG);
    // The neutral default carries no State symbol.
    expect(JSON.stringify(DEFAULT_SITE_CONFIG)).not.toMatch(/république|marianne/i);
  });

  it('ships a complete configuration for the Isère, whose legal pages need no default', () => {
    const shipped: unknown = JSON.parse(readFileSync(join(__dirname, '../../public/config.json'), 'utf8'));
    expect(missingLegalFields(shipped)).toEqual([]);
    const config = parseSiteConfig(shipped);
    expect(config.departmentName).toBe('Département de l’Isère');
    expect(JSON.stringify(config)).not.toContain('à renseigner');
  });

  it('lists every legal field a configuration leaves missing or malformed', () => {
    expect(missingLegalFields({})).toEqual(['legal']);
    const shipped = JSON.parse(readFileSync(join(__dirname, '../../public/config.json'), 'utf8')) as {
      legal: { notice: { host: Record<string, unknown> }; accessibility: Record<string, unknown> };
    };
    delete shipped.legal.notice.host['name'];
    shipped.legal.accessibility['compliantCriteria'] = 70; // more than the 64 applicable
    shipped.legal.accessibility['assessmentDate'] = '20/11/2026';
    expect(missingLegalFields(shipped)).toEqual([
      'legal.notice.host.name',
      'legal.accessibility.assessmentDate',
      'legal.accessibility.compliantCriteria',
    ]);
  });

  it('derives the RGAA conformity status and rate from the self-assessment counts', () => {
    const assessment = DEFAULT_SITE_CONFIG.legal.accessibility;
    const rated = (compliantCriteria: number, applicableCriteria = 64) =>
      accessibilityConformity({ ...assessment, compliantCriteria, applicableCriteria });
    expect(rated(52)).toEqual({ status: 'partiellement conforme', ratePercent: 81.2 });
    expect(rated(64)).toEqual({ status: 'totalement conforme', ratePercent: 100 });
    expect(rated(32)).toEqual({ status: 'partiellement conforme', ratePercent: 50 });
    expect(rated(31)).toEqual({ status: 'non conforme', ratePercent: 48.4 });
    // Contradicting counts are no assessment: the default (nothing assessed yet) is published.
    expect(
      parseSiteConfig({ legal: { accessibility: { ...assessment, compliantCriteria: 200 } } }).legal.accessibility,
    ).toEqual(assessment);
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
      // The gateway's answer, parsed at its start: taken as it is; what it lacks keeps the default.
      body = JSON.stringify({ departmentName: "Département de l'Isère" });
      expect(await loadSiteConfig(fetchFrom)).toEqual({
        ...DEFAULT_SITE_CONFIG,
        departmentName: "Département de l'Isère",
      });
      body = '["not", "an object"]';
      expect(await loadSiteConfig(fetchFrom)).toEqual(DEFAULT_SITE_CONFIG);
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
