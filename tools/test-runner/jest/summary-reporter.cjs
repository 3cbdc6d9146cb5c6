'use strict';
// Records each jest run's counts in TEST_SUMMARY_DIR so the test runner can
// print one plain `tests: N passed, M failed` line for the whole workspace.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const dir = process.env.TEST_SUMMARY_DIR;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const summary = {
      passed: results.numPassedTests,
      // A suite that cannot even load has no failed test but must count as a failure.
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      project: process.cwd(),
    };
    fs.writeFileSync(path.join(dir, `${crypto.randomUUID()}.json`), JSON.stringify(summary));
  }
}

module.exports = SummaryReporter;
