// The build keeps its two budgets: first-page JavaScript ≤ 150 kB gzipped and
// a cold first visit ≤ 400 kB transferred (vite.config.mts). Runs on the report
// `nx build web` writes (the test target depends on it), and checks how the
// first visit is measured on a build of its own.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { budgetProblems, firstVisit } from './first-visit.mts';

const REPORT = resolve(__dirname, '../../../dist/apps/web/.vite/bundle-report.json');

describe('the bundle budgets', () => {
  it('are kept by the build, which reports both figures', () => {
    expect(existsSync(REPORT)).toBe(true);
    const report = JSON.parse(readFileSync(REPORT, 'utf8')) as Parameters<typeof budgetProblems>[0];
    expect(report.budgetKb).toBe(150);
    expect(report.firstVisit?.budgetKb).toBe(400);
    expect(report.firstVisit?.files.map((item) => item.file)).toEqual(
      expect.arrayContaining(['index.html', 'config.json', 'branding/logo.svg']),
    );
    expect(budgetProblems(report)).toEqual([]);
  });

  it('counts the first page as the browser journey does: the written files, gzipped, summed in bytes', () => {
    // Vite writes each lazy import's preload list into the entry chunk after plugins see the bundle: counting the
    // chunks before that missed about 2 kB the journey (every script the landing page loads) saw.
    const report = JSON.parse(readFileSync(REPORT, 'utf8')) as { firstPageKb: number; firstPageFiles: string[] };
    const bytes = report.firstPageFiles
      .map((file) => gzipSync(readFileSync(resolve(REPORT, '../..', file)), { level: 9 }).length)
      .reduce((sum, size) => sum + size, 0);
    expect(report.firstPageKb).toBe(Math.round((bytes / 1024) * 10) / 10);
  });

  it('keeps zod and the operation tables off the first page, which has the French date fields', () => {
    const report = JSON.parse(readFileSync(REPORT, 'utf8')) as { firstPageFiles: string[] };
    const sources = report.firstPageFiles.flatMap(
      (file) =>
        (JSON.parse(readFileSync(resolve(REPORT, '../..', `${file}.map`), 'utf8')) as { sources: string[] }).sources,
    );
    // Neither the full zod nor zod/mini (15 kB gzipped): the gateway serves the site configuration parsed.
    expect(sources.filter((source) => /node_modules\/zod\//.test(source))).toEqual([]);
    expect(
      sources.filter((source) => /contracts\/src\/(booking\/operations|validation-messages)\.ts$/.test(source)),
    ).toEqual([]);
    expect(sources).toEqual(expect.arrayContaining([expect.stringMatching(/src\/ui\/date-time-fields\.tsx$/)]));
    // The search's commune combobox is fetched when the field is reached, not with the page that shows it.
    expect(sources).toEqual(expect.arrayContaining([expect.stringMatching(/src\/pages\/search\/commune-field\.tsx$/)]));
    expect(
      sources.filter((source) => /src\/ui\/combo-box\.tsx$|\/useComboBox\.mjs$|\/ComboBox\.mjs$/.test(source)),
    ).toEqual([]);
    // The results' map, its section and Leaflet load only when a tile server is configured and there are results.
    expect(
      sources.filter((source) =>
        /node_modules\/leaflet\/|src\/pages\/search\/(results-map|results-map-section|map-markers)\.tsx?$/.test(source),
      ),
    ).toEqual([]);
  });

  it('counts what a first visit downloads, brotli twins where the build has them, and refuses what is over', () => {
    const build = mkdtempSync(join(tmpdir(), 'salle-first-visit-'));
    try {
      mkdirSync(join(build, 'assets'));
      mkdirSync(join(build, 'branding'));
      writeFileSync(
        join(build, 'index.html'),
        '<script type="module" src="/assets/index-a.js"></script><link rel="stylesheet" href="/assets/index-b.css">',
      );
      writeFileSync(join(build, 'assets', 'index-a.js'), 'x'.repeat(300 * 1024));
      writeFileSync(join(build, 'assets', 'index-a.js.br'), 'x'.repeat(100 * 1024));
      writeFileSync(join(build, 'assets', 'page-c.js'), 'x'.repeat(200 * 1024)); // statically imported, no twin
      writeFileSync(join(build, 'assets', 'index-b.css'), '@font-face{src:url(/assets/font-d.woff2)}');
      writeFileSync(join(build, 'assets', 'font-d.woff2'), 'x'.repeat(50 * 1024));
      writeFileSync(join(build, 'assets', 'lazy-e.js'), 'x'.repeat(900 * 1024)); // another page's chunk
      writeFileSync(join(build, 'config.json'), '{}');
      writeFileSync(join(build, 'branding', 'logo.svg'), '<svg></svg>');

      const visit = firstVisit(build, ['assets/index-a.js', 'assets/page-c.js'], 400);
      expect(visit.files.map((item) => item.file)).toEqual([
        'index.html',
        'assets/index-a.js',
        'assets/index-b.css',
        'assets/page-c.js',
        'assets/font-d.woff2',
        'config.json',
        'branding/logo.svg',
      ]);
      expect(visit.files[1]?.bytes).toBe(100 * 1024);
      expect(visit.kb).toBeCloseTo(350.2, 0);
      expect(budgetProblems({ firstPageKb: 140, budgetKb: 150, firstVisit: visit })).toEqual([]);

      writeFileSync(join(build, 'assets', 'page-c.js'), 'x'.repeat(300 * 1024));
      const heavier = firstVisit(build, ['assets/index-a.js', 'assets/page-c.js'], 400);
      expect(budgetProblems({ firstPageKb: 151, budgetKb: 150, firstVisit: heavier })).toEqual([
        'first-page JavaScript is 151 kB gzipped, over the 150 kB budget',
        `a cold first visit transfers ${heavier.kb} kB, over the 400 kB budget`,
      ]);
    } finally {
      rmSync(build, { recursive: true, force: true });
    }
  });
});
