/** @jest-environment jsdom */
import { getConfig } from '@testing-library/react';

describe('web unit specs’ Testing Library settings (setup-testing-library.cjs)', () => {
  it('wait up to 5 s for an element, not the default 1 s a loaded machine overruns', () => {
    expect(getConfig().asyncUtilTimeout).toBe(5_000);
  });
});
