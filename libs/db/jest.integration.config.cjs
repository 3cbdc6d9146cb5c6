module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'db:integration',
  rootDir: __dirname,
};
