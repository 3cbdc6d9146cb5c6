module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'payment:integration',
  rootDir: __dirname,
};
