#!/usr/bin/env node
// `npm test`: lint, typecheck, build, the unit tests (`test`, cached by Nx) and the integration tests
// (`integration`, against real PostgreSQL and Redis) of every project, ending with one plain summary line.
// `npm test -- test integration --projects=booking` runs only those targets of those projects.
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
const { summaryFiles } = require('../jest/summary-reporter.cjs');
const { pool } = require('./pool.cjs');

const root = path.resolve(__dirname, '../../..');
const summaryRoot = path.join(root, 'dist/test-summary');
const ALL_TARGETS = ['lint', 'typecheck', 'build', 'test', 'integration'];
/** The browser journey's project (see below). */
const JOURNEY = 'web-e2e';
/**
 * The integration suites that take longest, started first: the first three at once, gateway's when one of them ends
 * (in practice notification's). Wall seconds in a clean-clone run on the 2-core machine, each project's specs
 * together (2026-12-07, `edfe93b`): notification 222, payment 257 and booking 290 from the start, then gateway 152;
 * the rest's integration suites, after its other targets, about 70.
 */
const LONG_SUITES = ['payment', 'notification', 'booking', 'gateway'];

async function main() {
  const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: process.env.NX_DAEMON ?? 'false' };
  // Plain text in CI logs.
  if (process.env.CI) env.FORCE_COLOR = '0';
  // Each jest run writes its counts there; a cached `test` target gets its file back from the Nx cache.
  fs.rmSync(summaryRoot, { recursive: true, force: true });

  const started = Date.now();
  process.stdout.write('Preparing PostgreSQL and Redis for the tests...\n');
  const stopInfra = await ensureTestInfra(env);

  const chosen = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const nxOptions = process.argv.slice(2).filter((arg) => arg.startsWith('-'));
  // Each Nx run says when it ended: the lanes' ends show where the run's wall time goes.
  const nx = async (args, extraEnv = {}) => {
    const code = await run('npx', ['nx', ...args, '--output-style=static', ...nxOptions], root, {
      ...env,
      ...extraEnv,
    });
    const at = Math.round((Date.now() - started) / 1000);
    process.stdout.write(`npm test: nx ${args.join(' ')} ended at ${at} s${code === 0 ? '' : ` (exit ${code})`}\n`);
    return code;
  };
  let formatCode = 0;
  let nxCode;
  if (chosen.length) {
    nxCode = await nx(['run-many', '-t', ...chosen, '--parallel=3']);
  } else {
    ({ formatCode, nxCode } = await runEverything(nx, env));
  }
  const code = formatCode || nxCode;

  await stopInfra();
  let passed = 0;
  let failed = 0;
  for (const file of summaryFiles()) {
    const summary = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += summary.passed;
    failed += summary.failed;
  }
  if (nxCode !== 0 && failed === 0) {
    // A lint, typecheck or build error, or a jest run that failed in its global setup, writes no summary:
    // counted as one failure, so that the line never reads "0 failed" for a red run.
    failed = 1;
    process.stdout.write('Some lint, typecheck, build or test target failed: see the Nx output above.\n');
  }
  if (formatCode !== 0) process.stdout.write('Some files are not formatted: run `npm run format`.\n');
  process.stdout.write(`npm test: ${Math.round((Date.now() - started) / 1000)} s in all\n`);
  process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
  process.exit(code === 0 && failed === 0 ? 0 : 1);
}

/**
 * The whole run: every target of every project, and the format check. `nx` runs one Nx command and resolves to
 * its exit code.
 */
async function runEverything(nx, env) {
  // The longest integration suites start first, three at a time, the longest first, each lane taking the next
  // when its suite ends, so that none is left to run alone at the end (in one Nx run, Nx starts first the tasks
  // of the projects others depend on: these apps came last, notification's alone at the end). Each waits on its
  // services much of its time (notification: 48 CPU s in 128 s alone), so they overlap well with the rest. Two
  // lanes left booking's suite alone for the last 90 s of the run, with the CPU half idle (figures in
  // tools/bench/README.md, "Session 15").
  const longSuites = pool(
    LONG_SUITES.map((project) => () => nx(['run', `${project}:integration`])),
    3,
  );
  // The whole run also checks the formatting (Prettier), which is not a project's target, while the web app
  // is built (the browser journey needs it).
  const [format, build] = await Promise.all([checkFormat(root, env), nx(['run', 'web:build'])]);
  // The journey serves a copy of this build (E2E_WEB_BUILD) rather than building the web app again: a copy,
  // since the rest may restore or rebuild dist/apps/web under it meanwhile.
  const webBuild = build === 0 ? snapshotWebBuild() : undefined;
  // The browser journey is the longest task and has nothing depending on it, so Nx would start it among the
  // last: it runs from here in an Nx process of its own. The rest runs two at a time, its integration suites
  // after its other targets: with the long suites and the journey, six tasks share the 2 cores at most.
  const codes = await Promise.all([
    nx(
      ['run-many', '-t', 'typecheck', 'integration', '-p', JOURNEY, '--parallel=1'],
      webBuild ? { E2E_WEB_BUILD: webBuild } : {},
    ),
    pool([
      () =>
        nx([
          'run-many',
          '-t',
          ...ALL_TARGETS.filter((t) => t !== 'integration'),
          `--exclude=${JOURNEY}`,
          '--parallel=2',
        ]),
      () => nx(['run-many', '-t', 'integration', `--exclude=${[JOURNEY, ...LONG_SUITES].join(',')}`, '--parallel=2']),
    ]),
    longSuites,
  ]);
  if (webBuild) fs.rmSync(webBuild, { recursive: true, force: true });
  return { formatCode: format, nxCode: build || codes.find((c) => c !== 0) || 0 };
}

/** A copy of the web build (dist/apps/web) in a folder of this run. */
function snapshotWebBuild() {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'salle-web-build-'));
  fs.cpSync(path.join(root, 'dist/apps/web'), copy, { recursive: true });
  return copy;
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
