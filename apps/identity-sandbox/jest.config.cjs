module.exports = { ...require('../../jest.preset.cjs'), displayName: 'identity-sandbox', rootDir: __dirname };
