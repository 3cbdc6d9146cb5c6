module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'sms-sandbox:integration',
  rootDir: __dirname,
};
