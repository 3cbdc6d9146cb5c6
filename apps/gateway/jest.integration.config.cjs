module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'gateway:integration',
  rootDir: __dirname,
};
