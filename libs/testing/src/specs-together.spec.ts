import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log } from './__fixtures__/specs-together/shared-log';
import { specsTogether } from './specs-together';

// Registered here, at the top, so their tests run before the checks below.
const registered = specsTogether(join(__dirname, '__fixtures__/specs-together'), '.together.ts');

describe('specsTogether', () => {
  it('registers each file with the suffix, nested ones too, sorted by path, and nothing else', () => {
    expect(registered).toEqual(['first.together.ts', 'nested/second.together.ts']);
    expect(log).not.toContain('not-a-spec evaluated');
  });

  it('runs each file inside a describe named after it, its hooks scoped to its own tests, sharing one registry', () => {
    expect(log).toEqual([
      'shared-log evaluated',
      'first: beforeEach',
      'first: first.together.ts runs in its own describe',
      'second: nested/second.together.ts runs without the first file’s hooks',
    ]);
  });

  it('refuses a folder without any such file, so that an entry never passes empty', () => {
    const empty = mkdtempSync(join(tmpdir(), 'specs-together-'));
    try {
      expect(() => specsTogether(empty)).toThrow(`specsTogether: no .spec.ts file under ${empty}`);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });
});
