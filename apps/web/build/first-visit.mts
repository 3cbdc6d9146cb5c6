import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export interface FirstVisit {
  budgetKb: number;
  kb: number;
  files: { file: string; bytes: number }[];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** What the gateway sends for a file of the build: its brotli twin when there is one (browsers accept it), else the file. */
function transferredBytes(outDir: string, file: string): number {
  const path = join(outDir, file);
  return existsSync(`${path}.br`) ? statSync(`${path}.br`).size : statSync(path).size;
}

/**
 * Every file of the build a cold first visit of the landing page downloads,
 * with the bytes sent for each: `index.html`, the scripts and stylesheets it
 * names, the first page's JavaScript chunks (`firstPageFiles`, from the bundle
 * report), the fonts those stylesheets name (all of them, though a browser
 * only fetches the subsets a page uses), `config.json` and the images of
 * `branding/` (logo and favicon). The gateway's `/theme.css` (a few hundred
 * bytes) and the API's answers are not part of the build and not counted.
 */
export function firstVisitFiles(outDir: string, firstPageFiles: readonly string[]): string[] {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const named = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((match) => match[1] as string);
  const assets = [...new Set([...named, ...firstPageFiles])];
  const fonts = assets
    .filter((file) => file.endsWith('.css'))
    .flatMap((file) =>
      [...readFileSync(join(outDir, file), 'utf8').matchAll(/url\(\/?(assets\/[^)]+\.woff2)\)/g)].map(
        (match) => match[1] as string,
      ),
    );
  const branding = existsSync(join(outDir, 'branding'))
    ? readdirSync(join(outDir, 'branding'))
        .filter((name) => /\.(svg|png)$/.test(name))
        .map((name) => `branding/${name}`)
    : [];
  const config = existsSync(join(outDir, 'config.json')) ? ['config.json'] : [];
  return ['index.html', ...assets, ...new Set(fonts), ...config, ...branding];
}

export function firstVisit(outDir: string, firstPageFiles: readonly string[], budgetKb: number): FirstVisit {
  const files = firstVisitFiles(outDir, firstPageFiles).map((file) => ({
    file,
    bytes: transferredBytes(outDir, file),
  }));
  return { budgetKb, kb: kb(files.reduce((sum, item) => sum + item.bytes, 0)), files };
}

/** Each budget the build's report exceeds, as one sentence; empty when both are kept. */
export function budgetProblems(report: { firstPageKb: number; budgetKb: number; firstVisit?: FirstVisit }): string[] {
  const problems: string[] = [];
  if (report.firstPageKb > report.budgetKb)
    problems.push(`first-page JavaScript is ${report.firstPageKb} kB gzipped, over the ${report.budgetKb} kB budget`);
  if (!report.firstVisit) problems.push('the first visit was not measured');
  else if (report.firstVisit.kb > report.firstVisit.budgetKb)
    problems.push(
      `a cold first visit transfers ${report.firstVisit.kb} kB, over the ${report.firstVisit.budgetKb} kB budget`,
    );
  return problems;
}

/**
 * After the files are written and precompressed (place it after `precompress()`):
 * measures a cold first visit, prints it, adds it to `.vite/bundle-report.json`
 * and fails the build over `budgetKb`.
 */
export function firstVisitReport(options: { budgetKb: number }): Plugin {
  let outDir = '';
  return {
    name: 'salle-first-visit',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const reportFile = join(outDir, '.vite', 'bundle-report.json');
      const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { firstPageFiles: string[] };
      const visit = firstVisit(outDir, report.firstPageFiles, options.budgetKb);
      writeFileSync(reportFile, JSON.stringify({ ...report, firstVisit: visit }, null, 2) + '\n');
      this.info(
        [
          'Cold first visit of the landing page (bytes sent, brotli where the build has a twin):',
          ...visit.files.map((item) => `    ${item.file.padEnd(66)} ${String(kb(item.bytes)).padStart(7)} kB`),
          `first visit: ${visit.kb} kB transferred (budget ${visit.budgetKb} kB)`,
        ].join('\n'),
      );
      if (visit.kb > visit.budgetKb)
        this.error(`a cold first visit transfers ${visit.kb} kB, over the ${visit.budgetKb} kB budget`);
    },
  };
}
