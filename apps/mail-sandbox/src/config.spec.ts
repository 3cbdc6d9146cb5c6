import { ConfigErrors } from '@salle/config';
import { mailSandboxConfig } from './config';

describe('mail sandbox configuration', () => {
  it('listens on loopback, SMTP on 1025 and the inbox on 3006, by default', () => {
    expect(mailSandboxConfig.parse({})).toMatchObject({
      MAIL_SANDBOX_HOST: '127.0.0.1',
      MAIL_SANDBOX_SMTP_PORT: 1025,
      MAIL_SANDBOX_PORT: 3006,
    });
  });

  it('refuses to start in production, where it would swallow every message', () => {
    try {
      mailSandboxConfig.parse({ NODE_ENV: 'production' });
      throw new Error('accepted production');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigErrors);
      expect((error as ConfigErrors).errors.map((e) => e.variable)).toEqual(['NODE_ENV']);
    }
  });
});
