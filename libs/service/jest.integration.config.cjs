module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'service:integration',
  rootDir: __dirname,
};
