module.exports = {
  ...require('../../jest.integration.preset.cjs'),
  displayName: 'storage:integration',
  rootDir: __dirname,
};
