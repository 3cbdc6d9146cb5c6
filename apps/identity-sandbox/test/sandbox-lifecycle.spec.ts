import * as client from 'openid-client';
import { defaultClients, faultAccountId, startIdentitySandbox, type SandboxClient } from '../src';
import { Browser } from '@salle/testing';
import { franceconnectRequest, loginAs, relyingParty } from './relying-party';

describe('startIdentitySandbox', () => {
  it('builds the issuers on the public URL, whatever address the request used', async () => {
    const probe = await startIdentitySandbox({ port: 0 });
    const port = new URL(probe.url).port;
    await probe.close();
    const sandbox = await startIdentitySandbox({ port: Number(port), publicUrl: `http://localhost:${port}/` });
    try {
      expect(sandbox.issuers).toEqual({
        franceconnect: `http://localhost:${port}/franceconnect/api/v2`,
        proconnect: `http://localhost:${port}/proconnect/api/v2`,
      });
      const response = await fetch(`http://127.0.0.1:${port}/proconnect/api/v2/.well-known/openid-configuration`);
      expect(((await response.json()) as { issuer: string }).issuer).toBe(sandbox.issuers.proconnect);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses a public URL with a path, and frees its port', async () => {
    await expect(startIdentitySandbox({ port: 0, publicUrl: 'http://127.0.0.1:3003/sandbox' })).rejects.toThrow(
      /must not have a path/,
    );
  });

  it('closes at once even while a slow fault is holding a request', async () => {
    const sandbox = await startIdentitySandbox({ port: 0, slowResponseMs: 60_000 });
    const rp = await relyingParty(sandbox.issuers.franceconnect, defaultClients('franceconnect')[0] as SandboxClient);
    const attempt = franceconnectRequest(rp);
    const callback = await loginAs(new Browser(), attempt, faultAccountId('franceconnect', 'token-slow'));
    const pending = client
      .authorizationCodeGrant(rp.config, callback, { expectedState: attempt.state, expectedNonce: attempt.nonce })
      .catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await sandbox.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    await pending;
  });
});
