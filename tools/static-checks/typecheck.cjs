#!/usr/bin/env node
// The type check of one TypeScript project (`-p <tsconfig.json>`) with TypeScript 7, the compiler ported to
// native code, installed beside TypeScript 5.9 as the package alias `typescript-7`. Same language, same
// settings, same errors on this workspace; about a sixth of the CPU seconds of TypeScript 5.9 (the workspace's
// Node projects: 6 against 36, measured 2026-12-07). 5.9 stays the `typescript` package, whose JavaScript API
// typescript-eslint, Nx and the TypeScript loader of the scripts need (7 has none they can use).
// Single-threaded: on 2 cores shared with the other tasks of `npm test`, its threads cost more CPU than they
// save wall time (the workspace check: 17 CPU s with threads, 6 without).
//
//   node tools/static-checks/typecheck.cjs -p apps/booking/tsconfig.json
//
// Both packages name their command `tsc`, so `node_modules/.bin/tsc` may be either: call this script instead.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const tsc = path.join(path.dirname(require.resolve('typescript-7/package.json')), 'bin/tsc');
const result = spawnSync(process.execPath, [tsc, '--noEmit', '--singleThreaded', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
if (result.error) process.stderr.write(`typecheck: ${result.error.message}\n`);
process.exit(result.status ?? 1);
