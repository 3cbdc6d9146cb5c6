module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'payfip-sandbox:integration',
  rootDir: __dirname,
};
