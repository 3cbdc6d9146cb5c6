module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'stripe-sandbox:integration',
  rootDir: __dirname,
};
