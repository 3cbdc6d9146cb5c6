import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { legalProblem, publicSiteConfig, readSiteBranding } from './site-branding';

describe('the site configuration’s images and legal fields', () => {
  let dir: string;
  let configFile: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salle-branding-'));
    configFile = path.join(dir, 'site.json');
    fs.writeFileSync(
      path.join(dir, 'logo.svg'),
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    );
    fs.writeFileSync(path.join(dir, 'icon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    fs.writeFileSync(path.join(dir, 'fake.png'), '<svg></svg>');
    fs.writeFileSync(path.join(dir, 'logo.gif'), 'GIF89a');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes an SVG or PNG logo and favicon, relative to the configuration file', () => {
    const raw = { logo: { file: 'logo.svg', alt: 'Drôme' }, favicon: 'icon.png' };
    expect(readSiteBranding(raw, configFile)).toEqual({
      logo: { file: path.join(dir, 'logo.svg'), contentType: 'image/svg+xml' },
      favicon: { file: path.join(dir, 'icon.png'), contentType: 'image/png' },
    });
    expect(readSiteBranding({ departmentName: 'Drôme' }, configFile)).toEqual({});
  });

  it.each([
    [{ logo: { file: 'logo.gif', alt: 'x' } }, 'logo.file'],
    [{ favicon: 'fake.png' }, 'favicon'],
    [{ favicon: 'missing.svg' }, 'favicon'],
    [{ favicon: 12 }, 'favicon'],
  ])('refuses %j in one line naming %s', (raw, member) => {
    expect(() => readSiteBranding(raw, configFile)).toThrow(
      `${member} in ${configFile} is invalid: expected the path of an .svg or .png image, relative to the site configuration file`,
    );
  });

  it('gives the web app the logo at the gateway’s URL, never the server’s file paths', () => {
    const raw = { departmentName: 'Drôme', logo: { file: 'logo.svg', alt: 'Drôme' }, favicon: 'icon.png' };
    expect(publicSiteConfig(raw, readSiteBranding(raw, configFile))).toEqual({
      departmentName: 'Drôme',
      logo: { url: '/site/logo', alt: 'Drôme' },
    });
  });

  it('names every missing legal field in one line', () => {
    expect(legalProblem({ legal: { notice: {} } }, configFile)?.message).toMatch(
      new RegExp(
        `^legal in ${configFile} is missing: expected every field of the legal pages \\(required when NODE_ENV=production\\); missing or invalid: legal.notice.publisher, legal.notice.publicationDirector, legal.notice.host, legal.personalData, legal.accessibility$`,
      ),
    );
    const shipped: unknown = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../../web/public/config.json'), 'utf8'),
    );
    expect(legalProblem(shipped, configFile)).toBeUndefined();
  });
});
