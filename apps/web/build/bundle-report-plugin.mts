import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: string[];
  facadeModuleId: string | null;
}

export interface BundleReport {
  budgetKb: number;
  firstPageKb: number;
  firstPageFiles: string[];
  chunks: { file: string; kb: number; gzipKb: number; firstPage: boolean }[];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/**
 * Reports every JavaScript chunk with its gzipped size and fails the build
 * when the JavaScript a visitor downloads to see the first page is over
 * budget. "First page" is the entry chunk, what it imports statically and
 * the chunks the app always loads at start (`alwaysLoaded`, patterns of
 * module ids), each with their own static imports. CSS and fonts are outside
 * the budget. The report is also written to `.vite/bundle-report.json`.
 *
 * The chunks' graph is read when the bundle is generated, their sizes once
 * the files are written: Vite fills in each lazy import's preload list after
 * this plugin's `generateBundle` (about 2 kB gzipped of the entry chunk, which
 * the browser journey, counting what the landing page downloads, saw and the
 * build did not), and the written file is what a browser gets.
 */
export function bundleReport(options: { budgetKb: number; alwaysLoaded: RegExp[] }): Plugin {
  let outDir = '';
  let graph: { files: string[]; firstPage: Set<string> } = { files: [], firstPage: new Set() };
  return {
    name: 'salle-bundle-report',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    generateBundle(_output, bundle) {
      const chunks = Object.values(bundle).filter((item): item is typeof item & ChunkLike => item.type === 'chunk');
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const firstPage = new Set<string>();
      const visit = (file: string) => {
        if (firstPage.has(file)) return;
        firstPage.add(file);
        for (const imported of byFile.get(file)?.imports ?? []) visit(imported);
      };
      for (const chunk of chunks) {
        if (chunk.isEntry || options.alwaysLoaded.some((pattern) => pattern.test(chunk.facadeModuleId ?? '')))
          visit(chunk.fileName);
      }
      graph = { files: chunks.map((chunk) => chunk.fileName), firstPage };
    },
    writeBundle() {
      const { files, firstPage } = graph;
      const gzipped = new Map<string, number>();
      const rows = files
        .map((file) => {
          const code = readFileSync(join(outDir, file));
          gzipped.set(file, gzipSync(code, { level: 9 }).length);
          return {
            file,
            kb: kb(code.length),
            gzipKb: kb(gzipped.get(file) ?? 0),
            firstPage: firstPage.has(file),
          };
        })
        .sort((a, b) => Number(b.firstPage) - Number(a.firstPage) || b.gzipKb - a.gzipKb);
      // Summed in bytes, as the journey does, not from each file's rounded size.
      const firstPageKb = kb(
        files.filter((file) => firstPage.has(file)).reduce((sum, file) => sum + (gzipped.get(file) ?? 0), 0),
      );
      const report: BundleReport = {
        budgetKb: options.budgetKb,
        firstPageKb,
        firstPageFiles: [...firstPage],
        chunks: rows,
      };

      const lines = rows.map(
        (row) =>
          `  ${row.firstPage ? '*' : ' '} ${row.file.padEnd(48)} ${String(row.kb).padStart(8)} kB  gzip ${String(row.gzipKb).padStart(7)} kB`,
      );
      this.info(
        [
          'JavaScript bundle (* = loaded by the first page):',
          ...lines,
          `first-page JavaScript: ${firstPageKb} kB gzipped (budget ${options.budgetKb} kB)`,
        ].join('\n'),
      );
      mkdirSync(join(outDir, '.vite'), { recursive: true });
      writeFileSync(join(outDir, '.vite', 'bundle-report.json'), JSON.stringify(report, null, 2) + '\n');
      if (firstPageKb > options.budgetKb) {
        this.error(`first-page JavaScript is ${firstPageKb} kB gzipped, over the ${options.budgetKb} kB budget`);
      }
    },
  };
}
