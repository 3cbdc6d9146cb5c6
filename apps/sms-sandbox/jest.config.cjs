module.exports = { ...require('../../jest.preset.cjs'), displayName: 'sms-sandbox', rootDir: __dirname };
