module.exports = { ...require('../../jest.preset.cjs'), displayName: 'workspace-rules', rootDir: __dirname };
