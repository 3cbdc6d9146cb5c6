module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'booking:integration',
  rootDir: __dirname,
};
