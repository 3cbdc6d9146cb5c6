module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'registry-sandbox:integration',
  rootDir: __dirname,
};
