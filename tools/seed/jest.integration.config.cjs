module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'seed:integration',
  rootDir: __dirname,
};
