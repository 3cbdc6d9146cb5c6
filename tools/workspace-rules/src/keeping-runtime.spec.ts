import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The presets' jest runtime (tools/test-runner/jest/runtime.cjs) keeps what a worker read and transformed
// from one test file to the next. What must not change: each test file evaluates every module afresh,
// and a stack trace from a kept module still points at its own lines.
const workspaceRoot = path.resolve(__dirname, '../../..');
const runtime = path.join(workspaceRoot, 'tools/test-runner/jest/runtime.cjs');
const jestBin = path.join(workspaceRoot, 'node_modules/jest/bin/jest.js');

const STATE = `let calls = 0;
exports.next = () => ++calls;
exports.fail = () => {
  throw new Error('from the kept module');
};
`;
const SPEC = `const state = require('./state');
test('the module is evaluated afresh for this file', () => {
  expect([state.next(), state.next()]).toEqual([1, 2]);
});
test('a stack trace names the line in the module', () => {
  expect(() => state.fail()).toThrow(expect.objectContaining({ stack: expect.stringContaining('state.js:4:') }));
});
`;

interface JestResults {
  numPassedTests: number;
  testResults: { message: string }[];
}

function runJest(runtimePath: string): { status: number | null; results: JestResults } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salle-keeping-runtime-'));
  try {
    fs.writeFileSync(path.join(dir, 'state.js'), STATE);
    for (const name of ['a', 'b', 'c']) fs.writeFileSync(path.join(dir, `${name}.spec.js`), SPEC);
    const config = { rootDir: dir, testEnvironment: 'node', transform: {}, runtime: runtimePath, cache: false };
    // In band: the three files run one after the other in one process, so the second and third find the first's
    // modules kept.
    const run = spawnSync(
      process.execPath,
      [
        jestBin,
        '--config',
        JSON.stringify(config),
        '--runInBand',
        '--json',
        '--outputFile',
        path.join(dir, 'out.json'),
      ],
      { cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'] } },
    );
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8')) as JestResults;
    return { status: run.status, results };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the keeping jest runtime', () => {
  it('runs three files in one worker with each module evaluated afresh per file and its lines in stack traces', () => {
    const { status, results } = runJest(runtime);
    expect([status, results.numPassedTests, results.testResults.map((file) => file.message)]).toEqual([
      0,
      6,
      ['', '', ''],
    ]);
  });

  it('is what both presets use', () => {
    const unit = require(path.join(workspaceRoot, 'jest.preset.cjs')) as { runtime?: string };
    const integration = require(path.join(workspaceRoot, 'jest.integration.preset.cjs')) as { runtime?: string };
    expect([unit.runtime, integration.runtime]).toEqual([runtime, runtime]);
  });
});
