import { maskAddress } from './masked-address';

describe('maskAddress', () => {
  it('keeps the first letter and the domain only', () => {
    expect(maskAddress('angela.dubois@example.fr')).toBe('a•••@example.fr');
    expect(maskAddress('x@college.fr')).toBe('x•••@college.fr');
  });

  it('hides anything that is not an address', () => {
    expect(maskAddress('no-at-sign')).toBe('•••');
    expect(maskAddress('@domain.fr')).toBe('•••');
  });
});
