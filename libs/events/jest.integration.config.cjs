module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'events:integration',
  rootDir: __dirname,
};
