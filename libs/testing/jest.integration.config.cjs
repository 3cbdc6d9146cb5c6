module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'testing:integration',
  rootDir: __dirname,
};
