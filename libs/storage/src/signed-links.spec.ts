import { checkDownload, signDownload } from './signed-links';

const secret = 'a-download-link-secret-of-32-characters!';
const key = 'conventions/b0a7e1c2-0000-4000-8000-000000000001/final';
const now = new Date('2026-12-06T12:00:00Z');
const inOneHour = new Date('2026-12-06T13:00:00Z');

describe('signed download links', () => {
  it('accepts its own link before it expires', () => {
    const link = signDownload(key, inOneHour, secret);
    expect(link.expires).toBe(inOneHour.getTime() / 1000);
    expect(checkDownload(key, link, secret, now)).toBe('valid');
  });

  it('answers expired once the time has passed, and not a second later than written', () => {
    const link = signDownload(key, inOneHour, secret);
    expect(checkDownload(key, link, secret, inOneHour)).toBe('expired');
    expect(checkDownload(key, link, secret, new Date('2026-12-07T00:00:00Z'))).toBe('expired');
  });

  it('refuses a tampered signature or expiry, another secret, and a malformed signature', () => {
    const link = signDownload(key, inOneHour, secret);
    const flipped = `${link.signature[0] === 'A' ? 'B' : 'A'}${link.signature.slice(1)}`;
    expect(checkDownload(key, { ...link, signature: flipped }, secret, now)).toBe('invalid');
    expect(checkDownload(key, { ...link, expires: link.expires + 3600 }, secret, now)).toBe('invalid');
    expect(checkDownload(key, link, `${secret}x`, now)).toBe('invalid');
    expect(checkDownload(key, { ...link, signature: 'short' }, secret, now)).toBe('invalid');
    expect(checkDownload(key, { ...link, expires: Number.NaN }, secret, now)).toBe('invalid');
  });

  it('refuses a link signed for another key', () => {
    const link = signDownload('conventions/other/final', inOneHour, secret);
    expect(checkDownload(key, link, secret, now)).toBe('invalid');
  });

  it('refuses to sign a key that is not an object key', () => {
    expect(() => signDownload('../etc/passwd', inOneHour, secret)).toThrow();
  });
});
