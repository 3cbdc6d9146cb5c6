import { ConfigErrors } from '@salle/config';
import { smsSandboxConfig } from './config';

describe('sms sandbox configuration', () => {
  it('listens on loopback, port 3007, with the sandbox credentials, by default', () => {
    expect(smsSandboxConfig.parse({})).toMatchObject({
      SMS_SANDBOX_HOST: '127.0.0.1',
      SMS_SANDBOX_PORT: 3007,
      SMS_SANDBOX_SERVICE_NAME: 'sms-sandbox-1',
    });
  });

  it('refuses to start in production, where it would swallow every SMS', () => {
    try {
      smsSandboxConfig.parse({ NODE_ENV: 'production' });
      throw new Error('accepted production');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigErrors);
      expect((error as ConfigErrors).errors.map((e) => e.variable)).toEqual(['NODE_ENV']);
    }
  });
});
