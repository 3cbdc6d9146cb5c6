module.exports = { ...require('../../jest.preset.cjs'), displayName: 'dev-stack', rootDir: __dirname };
