'use strict';
const { ensureTestInfra } = require('@salle/testing/infra');

// Runs once per jest process. When the test runner already provided the
// servers (TEST_PG_URL / TEST_REDIS_URL), this starts nothing.
module.exports = async function globalSetup() {
  globalThis.__SALLE_TEST_INFRA_STOP__ = await ensureTestInfra(process.env);
};
