module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'redis:integration',
  rootDir: __dirname,
};
