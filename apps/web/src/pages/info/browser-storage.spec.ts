// Every key the web app writes to the browser's storage is declared on the cookie page (BROWSER_STORAGE_REGISTER),
// with the storage it goes to: a new key fails here until declared, as a new cookie fails the gateway's test.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BROWSER_STORAGE_REGISTER } from '@salle/contracts/privacy';

const SOURCES = path.join(__dirname, '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const files = sourceFiles(SOURCES).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

/** The string constants of the sources, by name: what a key written as a constant stands for. */
const constants = new Map(
  files.flatMap(({ text }) =>
    [...text.matchAll(/\bconst\s+([A-Z][A-Z0-9_]*)\s*=\s*'([^']*)'/g)].map((match) => [match[1], match[2]] as const),
  ),
);

/** The storage objects named in code (not as a quoted name, nor as an object's key: the cookie page's labels). */
const STORAGE = /(?<!['"])\b(localStorage|sessionStorage)\b(?!['"]|\s*:)/g;
/** The only ways to use the storage the check understands: a method called with the key first. */
const CALL = /\b(localStorage|sessionStorage)\.(setItem|getItem|removeItem)\(\s*([A-Za-z_][A-Za-z0-9_]*|'[^']*')/g;

describe('the browser storage the web app uses', () => {
  const uses = files.flatMap(({ file, text }) =>
    [...text.matchAll(CALL)].map((match) => ({
      file: path.relative(SOURCES, file),
      storage: match[1],
      key: match[3]?.startsWith("'") ? match[3].slice(1, -1) : constants.get(match[3] ?? ''),
    })),
  );

  it('is only reached through setItem, getItem and removeItem with a key the check can read', () => {
    for (const { file, text } of files)
      expect({ file, uses: [...text.matchAll(STORAGE)].length }).toEqual({
        file,
        uses: [...text.matchAll(CALL)].length,
      });
    for (const use of uses) expect(use).toEqual({ ...use, key: expect.any(String) });
    // The check reads something: the invitation page keeps its link in the tab's storage.
    expect(uses.length).toBeGreaterThan(0);
  });

  it('writes only keys declared on the cookie page, each in the storage declared', () => {
    const declared = new Set(BROWSER_STORAGE_REGISTER.map((item) => `${item.storage} ${item.key}`));
    for (const use of uses)
      expect({ ...use, declared: declared.has(`${use.storage} ${use.key}`) }).toEqual({
        ...use,
        declared: true,
      });
  });

  it('declares no key the web app no longer uses', () => {
    const used = new Set(uses.map((use) => `${use.storage} ${use.key}`));
    for (const item of BROWSER_STORAGE_REGISTER)
      expect(`${item.storage} ${item.key}`).toBe(
        used.has(`${item.storage} ${item.key}`) ? `${item.storage} ${item.key}` : 'not used',
      );
  });
});
