module.exports = { ...require('../../jest.preset.cjs'), displayName: 'pdf-seal', rootDir: __dirname };
