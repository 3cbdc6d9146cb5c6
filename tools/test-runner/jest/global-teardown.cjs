'use strict';
const { dropTemplates, TEMPLATE_RUN_ENV } = require('@salle/testing/infra');

module.exports = async function globalTeardown() {
  await dropTemplates(process.env.TEST_PG_URL, { runId: process.env[TEMPLATE_RUN_ENV] });
  const stop = globalThis.__SALLE_TEST_INFRA_STOP__;
  if (stop) await stop();
};
