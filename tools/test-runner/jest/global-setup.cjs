'use strict';
const { ensureTestInfra, dropTemplates, templateRunId, TEMPLATE_RUN_ENV } = require('@salle/testing/infra');

// Runs once per jest process. When the test runner already provided the
// servers (TEST_PG_URL / TEST_REDIS_URL), this starts nothing.
module.exports = async function globalSetup() {
  globalThis.__SALLE_TEST_INFRA_STOP__ = await ensureTestInfra(process.env);
  // This jest process's own id for its template databases (`createTestDatabase(label, { template })`), even
  // under `npm test`: the teardown drops them while other projects' jest runs may still use theirs.
  // The workers inherit it. Templates a killed run left behind more than 12 hours ago go now.
  process.env[TEMPLATE_RUN_ENV] = templateRunId();
  await dropTemplates(process.env.TEST_PG_URL);
};
