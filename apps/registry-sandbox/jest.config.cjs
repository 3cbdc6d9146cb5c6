module.exports = { ...require('../../jest.preset.cjs'), displayName: 'registry-sandbox', rootDir: __dirname };
