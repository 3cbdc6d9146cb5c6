import { InvalidObjectKeyError, isObjectKey, objectKey } from './keys';

describe('objectKey', () => {
  it('joins plain segments with slashes', () => {
    expect(objectKey('insurance', '4f1c2b8e-0d7a-4e55-9a7b-1c2d3e4f5a6b', 'certificate.pdf')).toBe(
      'insurance/4f1c2b8e-0d7a-4e55-9a7b-1c2d3e4f5a6b/certificate.pdf',
    );
  });

  it.each([
    ['a parent segment', ['insurance', '..', 'secret']],
    ['a hidden or dot segment', ['.', 'x']],
    ['an empty segment', ['insurance', '', 'x']],
    ['a slash inside a segment', ['insurance/../../etc', 'passwd']],
    ['a backslash', ['insurance', '..\\x']],
    ['an encoded separator', ['insurance', '%2e%2e%2fx']],
    ['a space', ['my file']],
    ['a NUL byte', ['x\u0000y']],
    ['too many segments', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']],
  ])('refuses %s', (_label, segments) => {
    expect(() => objectKey(...segments)).toThrow(InvalidObjectKeyError);
  });

  it('refuses absolute keys and trailing slashes', () => {
    expect(isObjectKey('/etc/passwd')).toBe(false);
    expect(isObjectKey('insurance/')).toBe(false);
    expect(isObjectKey('insurance')).toBe(true);
  });
});
