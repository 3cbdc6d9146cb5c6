import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { typographyProblems } from './french-typography';

const root = join(__dirname, '../../..');

/**
 * Where people read our French: the web app's screens, and what the services answer (error messages,
 * e-mails, pages, receipts, the booking service's reasons and refusals). The legal pages are rewritten as a
 * whole elsewhere.
 */
const SCANNED = [
  'apps/web/src',
  'apps/booking/src',
  'apps/gateway/src',
  'apps/payment/src',
  'apps/notification/src',
  'libs/http/src',
  'libs/contracts/src',
  'libs/pdf-seal/src',
  'libs/storage/src',
];
const LEFT_OUT = new Set(['apps/web/src/pages/info/legal-pages.tsx']);

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.(spec|d)\.tsx?$/.test(entry.name) && !LEFT_OUT.has(path) ? [path] : [];
  });
}

describe('French typography', () => {
  it('spots a plain space before « : ; ! ? » and a straight apostrophe in French, not in code or English', () => {
    const source = [
      "const a = 'Motif du refus : trop tard';",
      'const b = "Gestionnaire d\'établissement";',
      "const c = ok ? 'oui' : 'non';",
      "const d = 'Motif du refus\\u00a0: trop tard';",
      'const e = "The collège\'s current name.";',
      'const f = <p>Une question ? Écrivez-nous.</p>;',
      'const g = <nav aria-label="vous êtes ici\\u00a0:" />;',
      'const h = <p>{label} : {value}</p>;',
      "const i = 'Cliquez sur « Valider »';",
      "const j = 'Cliquez sur «Valider»';",
      "const k = 'Cliquez sur «\\u00a0Valider\\u00a0»';",
      'const l = `Le champ «${NBSP}${key}${NBSP}»`;',
    ].join('\n');
    expect(typographyProblems('x.tsx', source)).toEqual([
      { line: 1, kind: 'plain space before a sign', text: 'Motif du refus : trop tard' },
      { line: 2, kind: 'straight apostrophe', text: "Gestionnaire d'établissement" },
      { line: 6, kind: 'plain space before a sign', text: 'Une question ? Écrivez-nous.' },
      { line: 7, kind: 'escape printed as is', text: '"vous êtes ici\\u00a0:"' },
      { line: 8, kind: 'plain space before a sign', text: ':' },
      { line: 9, kind: 'guillemets without a no-break space', text: 'Cliquez sur « Valider »' },
      { line: 10, kind: 'guillemets without a no-break space', text: 'Cliquez sur «Valider»' },
    ]);
  });

  it.each(SCANNED)('holds in %s', (dir) => {
    const problems = sources(dir).flatMap((path) =>
      typographyProblems(path, readFileSync(join(root, path), 'utf8')).map(
        (p) => `${relative(root, join(root, path))}:${p.line} ${p.kind}: ${p.text}`,
      ),
    );
    expect(problems).toEqual([]);
  });
});
