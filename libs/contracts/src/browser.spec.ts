import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Every module `entry` loads at run time (type-only imports are erased), and the packages they import. */
function runtimeImports(entry: string): { modules: string[]; packages: string[] } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (modules.has(file)) return;
    modules.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, typeOnly, specifier] of source.matchAll(
      /^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm,
    )) {
      if (typeOnly || !specifier) continue;
      if (specifier.startsWith('.')) visit(`${resolve(dirname(file), specifier)}.ts`);
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { modules: [...modules], packages: [...packages] };
}

describe('@salle/contracts/browser', () => {
  const { modules, packages } = runtimeImports(resolve(__dirname, 'browser.ts'));

  it('loads no package, so that the web’s first page stays without zod', () => {
    expect(packages).toEqual([]);
    expect(modules.map((file) => file.slice(__dirname.length + 1)).sort()).toEqual([
      'booking/convention-consent.ts',
      'booking/search-limits.ts',
      'booking/time-grid.ts',
      'browser.ts',
      'field-labels.ts',
      'french-format.ts',
      'operation-path.ts',
      'site-config-values.ts',
    ]);
  });

  it('finds a runtime import of the full zod when a module has one', () => {
    expect(runtimeImports(resolve(__dirname, 'validation-messages.ts')).packages).toContain('zod');
  });
});
