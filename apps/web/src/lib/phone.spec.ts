import { formatPhoneNumber } from './phone';

describe('formatPhoneNumber', () => {
  it('writes a French number as people read it, and others in international form', () => {
    expect(formatPhoneNumber('+33612345678')).toBe('06 12 34 56 78');
    expect(formatPhoneNumber('+32470123456')).toBe('+32 470 12 34 56');
    expect(formatPhoneNumber('not a number')).toBe('not a number');
  });
});
