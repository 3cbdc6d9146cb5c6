module.exports = { ...require('../../jest.preset.cjs'), displayName: 'booking', rootDir: __dirname };
