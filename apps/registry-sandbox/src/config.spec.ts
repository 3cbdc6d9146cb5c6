import { ConfigErrors } from '@salle/config';
import { registrySandboxConfig } from './config';

describe('registry sandbox configuration', () => {
  it('listens on loopback, port 3011, by default', () => {
    expect(registrySandboxConfig.parse({})).toMatchObject({
      REGISTRY_SANDBOX_HOST: '127.0.0.1',
      REGISTRY_SANDBOX_PORT: 3011,
    });
  });

  it('refuses to start in production, where it would vouch for fictitious organisations', () => {
    try {
      registrySandboxConfig.parse({ NODE_ENV: 'production' });
      throw new Error('accepted production');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigErrors);
      expect((error as ConfigErrors).errors.map((e) => e.variable)).toEqual(['NODE_ENV']);
    }
  });
});
