module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'pdf-seal:integration',
  rootDir: __dirname,
};
