import { lazy } from './lazy';

describe('lazy', () => {
  it('builds nothing until the first use, then builds once and keeps the value', () => {
    let builds = 0;
    const value = lazy(() => ({ built: ++builds }));
    expect(builds).toBe(0);
    const first = value();
    expect(value()).toBe(first);
    expect([builds, first]).toEqual([1, { built: 1 }]);
  });

  it('keeps a value that is undefined or falsy instead of building it again', () => {
    let builds = 0;
    const value = lazy(() => {
      builds++;
      return undefined;
    });
    value();
    value();
    expect(builds).toBe(1);
  });

  it('builds again after a build that threw, since nothing was kept', () => {
    let attempts = 0;
    const value = lazy(() => {
      if (++attempts === 1) throw new Error('not yet');
      return attempts;
    });
    expect(() => value()).toThrow('not yet');
    expect(value()).toBe(2);
  });
});
