module.exports = { ...require('../../jest.preset.cjs'), displayName: 'french-identifiers', rootDir: __dirname };
