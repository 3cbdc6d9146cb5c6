module.exports = { ...require('../../jest.preset.cjs'), displayName: 'stripe-sandbox', rootDir: __dirname };
