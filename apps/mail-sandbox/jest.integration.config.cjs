module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'mail-sandbox:integration',
  rootDir: __dirname,
};
