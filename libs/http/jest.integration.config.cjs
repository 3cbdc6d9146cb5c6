module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'http:integration',
  rootDir: __dirname,
};
