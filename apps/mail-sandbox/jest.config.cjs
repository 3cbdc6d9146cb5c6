module.exports = { ...require('../../jest.preset.cjs'), displayName: 'mail-sandbox', rootDir: __dirname };
