// The built web app carries no State brand: the DSFR and the Marianne are
// reserved to State websites, and a département is not one. Runs on the
// output of `nx build web` (the test target depends on it), every file served,
// source maps included; and its hashed assets come precompressed.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const BUILD = resolve(__dirname, '../../../dist/apps/web');

/** What would betray the State design system or brand in a file name or content. */
const REMNANTS: { what: string; pattern: RegExp }[] = [
  // DSFR classes and tokens (`fr-btn`, `.fr-header`); the `fr-FR` locale is not one.
  { what: 'a DSFR class', pattern: /(^|[^\w-])fr-[a-z]/ },
  { what: 'a DSFR colour token', pattern: /blue-france/i },
  { what: 'the DSFR', pattern: /dsfr/i },
  { what: 'the Marianne', pattern: /marianne/i },
  { what: 'the DSFR’s Spectral typeface', pattern: /spectral/i },
  { what: 'the State’s brand block', pattern: /r[ée]publique[\s\u00a0]+fran[cç]aise/i },
];

const TEXT = /\.(js|mjs|css|html|json|svg|webmanifest|txt|map)$/;

function files(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Each remnant found, as « file: what (the text around it) ». */
export function findRemnants(directory: string): string[] {
  const found: string[] = [];
  for (const file of files(directory)) {
    const name = relative(directory, file);
    const content = TEXT.test(file) ? readFileSync(file, 'utf8') : '';
    for (const { what, pattern } of REMNANTS) {
      if (pattern.test(name)) found.push(`${name}: ${what} in its name`);
      const match = pattern.exec(content);
      if (match) found.push(`${name}: ${what} (…${content.slice(Math.max(0, match.index - 30), match.index + 40)}…)`);
    }
  }
  return found;
}

describe('the remnant detector', () => {
  it('finds DSFR classes, tokens, fonts and the brand block, and lets the fr-FR locale be', () => {
    const directory = mkdtempSync(join(tmpdir(), 'salle-web-remnants-'));
    mkdirSync(join(directory, 'fonts'));
    writeFileSync(
      join(directory, 'index.html'),
      '<p>République\u00a0Française</p><script>new Intl.NumberFormat(`fr-FR`)</script>',
    );
    writeFileSync(join(directory, 'app.css'), 'a{color:var(--text-action-high-blue-france)}.fr-btn{}');
    writeFileSync(join(directory, 'fonts', 'Marianne-Regular.woff2'), '');
    try {
      expect(findRemnants(directory).map((line) => line.replace(/ \(.*$/, ''))).toEqual([
        'app.css: a DSFR class',
        'app.css: a DSFR colour token',
        'fonts/Marianne-Regular.woff2: the Marianne in its name',
        'index.html: the State’s brand block',
      ]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('the built web app', () => {
  it('exists (nx build web)', () => {
    expect(statSync(join(BUILD, 'index.html')).isFile()).toBe(true);
  });

  it('carries no DSFR or Marianne remnant, in any file name or content', () => {
    expect(findRemnants(BUILD)).toEqual([]);
  });

  it('has a brotli and a gzip twin of every hashed script and stylesheet over 1 kB, each smaller than the original', () => {
    const assets = join(BUILD, 'assets');
    const scripts = readdirSync(assets).filter(
      (name) => /\.(js|css)$/.test(name) && statSync(join(assets, name)).size > 1024,
    );
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) {
      const size = statSync(join(assets, name)).size;
      for (const twin of [`${name}.br`, `${name}.gz`])
        expect({ twin, smaller: statSync(join(assets, twin)).size < size }).toEqual({ twin, smaller: true });
    }
    expect(readdirSync(BUILD).filter((name) => /\.(br|gz)$/.test(name))).toEqual([]); // index.html and config.json stay replaceable
  });

  it('has a brotli and a gzip twin of every source map too (at faster levels), each smaller than the map', () => {
    const assets = join(BUILD, 'assets');
    const maps = readdirSync(assets).filter(
      (name) => name.endsWith('.map') && statSync(join(assets, name)).size > 1024,
    );
    expect(maps.length).toBeGreaterThan(0);
    for (const name of maps) {
      const size = statSync(join(assets, name)).size;
      for (const twin of [`${name}.br`, `${name}.gz`])
        expect({ twin, smaller: statSync(join(assets, twin)).size < size }).toEqual({ twin, smaller: true });
    }
  });
});
