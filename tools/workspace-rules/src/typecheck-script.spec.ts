import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Every `typecheck` target runs tools/static-checks/typecheck.cjs (TypeScript 7). What must hold: a type error
// fails the target and names the file and the error, with the workspace's own compiler settings; a sound project
// passes.
const workspaceRoot = path.resolve(__dirname, '../../..');
const script = path.join(workspaceRoot, 'tools/static-checks/typecheck.cjs');

function typecheck(source: string): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salle-typecheck-'));
  try {
    fs.writeFileSync(path.join(dir, 'probe.ts'), source);
    const config = {
      extends: path.join(workspaceRoot, 'tsconfig.base.json'),
      compilerOptions: { types: [] },
      files: ['probe.ts'],
    };
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(config));
    const result = spawnSync(process.execPath, [script, '-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the typecheck script', () => {
  it('passes a sound project', () => {
    expect(typecheck('export const total: number = 1 + 2;\n')).toEqual({ status: 0, output: '' });
  });

  it('fails on a type error, naming the file and the error', () => {
    const result = typecheck("export const total: number = 'trois';\n");
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('probe.ts');
    expect(result.output).toContain('TS2322');
  });

  it('applies the workspace settings (noUnusedLocals)', () => {
    const result = typecheck('const unused = 1;\nexport const total = 2;\n');
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('TS6133');
  });
});
