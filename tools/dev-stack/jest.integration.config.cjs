module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'dev-stack:integration',
  rootDir: __dirname,
};
