#!/usr/bin/env node
// `npm test`: lint, typecheck and every project's tests through Nx, against
// real PostgreSQL and Redis, ending with one plain summary line.
'use strict';
// Under a Node older than the supported LTS, the run continues under one provided from npm.
// A plain script, not a package: .ci/run calls it by path before `npm install`.
// eslint-disable-next-line @nx/enforce-module-boundaries
if (require('../../node-runtime/ensure-node.cjs').rerunUnderSupportedNode(__filename)) return;
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ensureTestInfra } = require('@salle/testing/infra');

async function main() {
  const root = path.resolve(__dirname, '../../..');
  const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: process.env.NX_DAEMON ?? 'false' };
  // Plain text in CI logs.
  if (process.env.CI) env.FORCE_COLOR = '0';
  const summaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salle-test-summary-'));
  env.TEST_SUMMARY_DIR = summaryDir;

  process.stdout.write('Preparing PostgreSQL and Redis for the tests...\n');
  const stopInfra = await ensureTestInfra(env);

  const chosen = process.argv.slice(2);
  const targets = chosen.length ? chosen : ['lint', 'typecheck', 'build', 'test'];
  // The whole run also checks the formatting (Prettier), which is not a project's target.
  const formatCode = chosen.length ? 0 : await checkFormat(root, env);
  const nxCode = await run(
    'npx',
    ['nx', 'run-many', '-t', ...targets, '--output-style=static', '--parallel=2'],
    root,
    env,
  );
  const code = formatCode || nxCode;

  await stopInfra();
  let passed = 0;
  let failed = 0;
  for (const file of fs.readdirSync(summaryDir)) {
    const summary = JSON.parse(fs.readFileSync(path.join(summaryDir, file), 'utf8'));
    passed += summary.passed;
    failed += summary.failed;
  }
  fs.rmSync(summaryDir, { recursive: true, force: true });
  if (nxCode !== 0 && failed === 0) {
    process.stdout.write('Some lint, typecheck or test target failed: see the Nx output above.\n');
  }
  if (formatCode !== 0) process.stdout.write('Some files are not formatted: run `npm run format`.\n');
  process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
  process.exit(code === 0 && failed === 0 ? 0 : 1);
}

function run(command, args, cwd, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (status, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(status ?? (signal ? 1 : 0));
    });
  });
}

async function checkFormat(root, env) {
  process.stdout.write('Checking the formatting (Prettier)...\n');
  const code = await run('npx', ['prettier', '--check', '.', '--log-level', 'warn'], root, env);
  if (code === 0) process.stdout.write('Formatting: every file is formatted.\n');
  return code;
}

main().catch((error) => {
  process.stderr.write(`test runner: ${error.message}\n`);
  process.stdout.write('tests: 0 passed, 1 failed\n');
  process.exit(1);
});
