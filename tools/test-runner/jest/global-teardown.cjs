'use strict';

module.exports = async function globalTeardown() {
  const stop = globalThis.__SALLE_TEST_INFRA_STOP__;
  if (stop) await stop();
};
