module.exports = { ...require('../../jest.preset.cjs'), displayName: 'payfip-sandbox', rootDir: __dirname };
