module.exports = { ...require('../../jest.preset.cjs'), displayName: 'french-calendar', rootDir: __dirname };
