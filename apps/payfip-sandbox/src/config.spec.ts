import { ConfigErrors } from '@salle/config';
import { payfipSandboxConfig } from './config';

describe('payfip sandbox configuration', () => {
  it('listens on loopback, port 3010, delivers notifications and settles debits in 3 days, by default', () => {
    const config = payfipSandboxConfig.parse({});
    expect(config).toMatchObject({
      PAYFIP_SANDBOX_HOST: '127.0.0.1',
      PAYFIP_SANDBOX_PORT: 3010,
      PAYFIP_SANDBOX_NOTIFY: 'deliver',
      PAYFIP_SANDBOX_NOTIFY_METHOD: 'POST',
      PAYFIP_SANDBOX_DEBIT_SETTLEMENT_DAYS: 3,
    });
    expect(config.PAYFIP_SANDBOX_CLIENTS.size).toBe(0);
  });

  it('reads a numcli table and refuses a malformed one', () => {
    const config = payfipSandboxConfig.parse({ PAYFIP_SANDBOX_CLIENTS: '123456=COLLEGE A, 654321=DEPARTEMENT' });
    expect([...config.PAYFIP_SANDBOX_CLIENTS]).toEqual([
      ['123456', 'COLLEGE A'],
      ['654321', 'DEPARTEMENT'],
    ]);
    expect(() => payfipSandboxConfig.parse({ PAYFIP_SANDBOX_CLIENTS: '12345=COLLEGE' })).toThrow(ConfigErrors);
  });

  it('refuses to start in production, where it would take payments that never happen', () => {
    try {
      payfipSandboxConfig.parse({ NODE_ENV: 'production' });
      throw new Error('accepted production');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigErrors);
      expect((error as ConfigErrors).errors.map((e) => e.variable)).toEqual(['NODE_ENV']);
    }
  });
});
