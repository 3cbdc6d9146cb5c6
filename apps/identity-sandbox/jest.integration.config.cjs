module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'identity-sandbox:integration',
  rootDir: __dirname,
};
