import { checkEventSecretConfig, DEVELOPMENT_EVENT_SECRET_KEY, eventSecrets } from './event-secrets';

describe('secrets carried by events', () => {
  const secrets = eventSecrets('a-shared-key-of-at-least-32-characters!!');

  it('seals a value that only the same key and context open, different each time', () => {
    const sealed = secrets.seal('123456', 'organisation.claim_code_requested');
    expect(sealed).not.toContain('123456');
    expect(sealed).not.toBe(secrets.seal('123456', 'organisation.claim_code_requested'));
    expect(secrets.open(sealed, 'organisation.claim_code_requested')).toBe('123456');
    expect(() => secrets.open(sealed, 'organisation.member_invited')).toThrow();
    expect(() => eventSecrets('another-key-of-at-least-32-characters!!!').open(sealed, 'x')).toThrow();
  });

  it('refuses an altered or malformed value', () => {
    const sealed = secrets.seal('secret', 'ctx');
    const [format, iv, body] = sealed.split('.') as [string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => secrets.open(`${format}.${iv}.${flipped.toString('base64url')}`, 'ctx')).toThrow();
    expect(() => secrets.open('secret', 'ctx')).toThrow('not a sealed event secret');
    expect(() => secrets.open('v1.AAAA.AA', 'ctx')).toThrow('not a sealed event secret');
  });

  it('production refuses a missing key and the development one', () => {
    expect(checkEventSecretConfig({ NODE_ENV: 'production' })?.message).toMatch(/EVENT_SECRET_KEY is missing/);
    expect(
      checkEventSecretConfig({ NODE_ENV: 'production', EVENT_SECRET_KEY: DEVELOPMENT_EVENT_SECRET_KEY })?.message,
    ).toMatch(/EVENT_SECRET_KEY is invalid/);
    expect(checkEventSecretConfig({ NODE_ENV: 'production', EVENT_SECRET_KEY: 'x'.repeat(40) })).toBeUndefined();
    expect(checkEventSecretConfig({ NODE_ENV: 'development' })).toBeUndefined();
  });
});
