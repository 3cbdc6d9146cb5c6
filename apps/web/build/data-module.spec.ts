import { dataModule } from './data-module.mts';

describe('build-time data', () => {
  it('ships each export as JSON', () => {
    expect(dataModule({ routes: { me: { method: 'get', path: '/api/me' } }, limit: 10 })).toBe(
      'export const routes = {"me":{"method":"get","path":"/api/me"}};\nexport const limit = 10;',
    );
  });

  it('refuses what JSON would not carry as it is', () => {
    expect(() => dataModule({ schema: { parse: () => 1 } })).toThrow('schema.parse is not plain data');
    expect(() => dataModule({ when: new Date(0) })).toThrow('when is not plain data');
    expect(() => dataModule({ call: () => 1 })).toThrow('call is not plain data');
  });
});
