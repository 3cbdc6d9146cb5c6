'use strict';
// Records a jest run's counts in dist/test-summary/<project root>/<target>.json, so that the test runner
// can print one plain `tests: N passed, M failed` line for the whole workspace. The file is the `test`
// target's Nx output: a cache hit restores it, and the tests it counts are still counted.
const fs = require('node:fs');
const path = require('node:path');

const workspaceRoot = path.resolve(__dirname, '../../..');
const summaryRoot = path.join(workspaceRoot, 'dist/test-summary');

/** Where the summary of one project's target is written. */
function summaryFile(projectRoot, target) {
  return path.join(summaryRoot, path.relative(workspaceRoot, projectRoot), `${target}.json`);
}

/** Every summary written (or restored from the Nx cache) since dist/test-summary was emptied. */
function summaryFiles() {
  if (!fs.existsSync(summaryRoot)) return [];
  return fs
    .readdirSync(summaryRoot, { recursive: true })
    .filter((file) => file.endsWith('.json'))
    .map((file) => path.join(summaryRoot, file));
}

class SummaryReporter {
  constructor(globalConfig, options = {}) {
    this.projectRoot = globalConfig.rootDir;
    this.target = options.target ?? 'test';
  }

  onRunComplete(_contexts, results) {
    const summary = {
      passed: results.numPassedTests,
      // A suite that cannot even load has no failed test but must count as a failure.
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      project: path.relative(workspaceRoot, this.projectRoot),
      target: this.target,
    };
    const file = summaryFile(this.projectRoot, this.target);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(summary)}\n`);
  }
}

module.exports = SummaryReporter;
module.exports.summaryFiles = summaryFiles;
