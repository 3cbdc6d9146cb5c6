import * as client from 'openid-client';
import {
  defaultClients,
  faultAccountId,
  faultCatalogue,
  faultNames,
  startIdentitySandbox,
  type FaultName,
  type FederationName,
  type IdentitySandbox,
  type SandboxClient,
} from '../src';
import { Browser } from '@salle/testing';
import {
  decodeJws,
  exchangeCode,
  franceconnectRequest,
  loginAs,
  proconnectRequest,
  relyingParty,
  type RelyingParty,
  type WireRecord,
} from './relying-party';

const SLOW_MS = 1_500;

let sandbox: IdentitySandbox;

beforeAll(async () => {
  sandbox = await startIdentitySandbox({ port: 0, slowResponseMs: SLOW_MS });
});

afterAll(async () => {
  await sandbox?.close();
});

/** The callback checks and the token call both happen in authorizationCodeGrant. */
type Step = 'code-exchange' | 'userinfo';

interface FaultRun {
  rp: RelyingParty;
  callback?: URL;
  /** The error openid-client threw, if any, and at which step. */
  error?: Error & { code?: string; error?: string; cause?: unknown };
  failedAt?: Step;
  claims?: client.IDToken;
  tokenCall?: WireRecord;
  userinfoCall?: WireRecord;
}

/** Logs in as the fault identity and goes through the flow as the gateway will, stopping at the first rejection. */
async function runFault(federation: FederationName, fault: FaultName): Promise<FaultRun> {
  const rp = await relyingParty(sandbox.issuers[federation], defaultClients(federation)[0] as SandboxClient);
  rp.config.timeout = 1; // seconds: the slow faults answer after 1.5 s
  const attempt = federation === 'franceconnect' ? franceconnectRequest(rp) : await proconnectRequest(rp);
  const run: FaultRun = { rp };
  run.callback = await loginAs(new Browser(), attempt, faultAccountId(federation, fault));
  let step: Step = 'code-exchange';
  try {
    const tokens = await exchangeCode(rp, run.callback, attempt);
    run.claims = tokens.claims();
    step = 'userinfo';
    await client.fetchUserInfo(rp.config, tokens.access_token, run.claims?.sub ?? '');
  } catch (error) {
    run.error = error as FaultRun['error'];
    run.failedAt = step;
  }
  run.tokenCall = rp.wire.find((record) => record.url.endsWith('/token'));
  run.userinfoCall = rp.wire.find((record) => record.url.endsWith('/userinfo'));
  return run;
}

function reason(run: FaultRun): string {
  const cause = run.error?.cause as Error | undefined;
  return `${run.error?.message ?? ''} / ${cause?.message ?? ''}`;
}

function idTokenOf(run: FaultRun) {
  const body = JSON.parse(run.tokenCall?.body ?? '{}') as { id_token?: string };
  return { raw: body.id_token ?? '', ...decodeJws(body.id_token ?? '') };
}

const now = () => Math.floor(Date.now() / 1000);

/** Per fault: what must be on the wire, and why openid-client refuses it. */
const rejected: Partial<Record<FaultName, { because: RegExp; wire: (run: FaultRun) => void }>> = {
  'callback-missing-iss': {
    because: /"iss" \(issuer\) missing/,
    wire: (run) => expect(run.callback?.searchParams.has('iss')).toBe(false),
  },
  'callback-wrong-iss': {
    because: /unexpected "iss"/,
    wire: (run) => expect(run.callback?.searchParams.get('iss')).toBe(sandbox.issuers.proconnect),
  },
  'callback-wrong-state': {
    because: /unexpected "state"/,
    wire: (run) => expect(run.callback?.searchParams.get('state')).toMatch(/^[\w-]{43}$/),
  },
  'login-server-error': {
    because: /authorization response from the server is an error/,
    wire: (run) => expect(run.callback?.searchParams.get('error')).toBe('server_error'),
  },
  'login-temporarily-unavailable': {
    because: /authorization response from the server is an error/,
    wire: (run) => expect(run.callback?.searchParams.get('error')).toBe('temporarily_unavailable'),
  },
  'id-token-wrong-nonce': {
    because: /"nonce" claim value/,
    wire: (run) => expect(idTokenOf(run).payload['nonce']).toMatch(/^[\w-]{43}$/),
  },
  'id-token-wrong-iss': {
    because: /"iss" \(issuer\) claim value/,
    wire: (run) => expect(idTokenOf(run).payload['iss']).toBe(sandbox.issuers.proconnect),
  },
  'id-token-wrong-aud': {
    because: /"aud" \(audience\) claim value/,
    wire: (run) => expect(idTokenOf(run).payload['aud']).toBe('another-service-provider'),
  },
  'id-token-extra-aud': {
    because: /additional untrusted audiences/,
    wire: (run) => {
      expect(idTokenOf(run).payload['aud']).toEqual([run.rp.registration.clientId, 'another-service-provider']);
      expect(idTokenOf(run).payload['azp']).toBeUndefined();
    },
  },
  'id-token-expired': {
    because: /"exp" \(expiration time\)/,
    wire: (run) => expect(Number(idTokenOf(run).payload['exp'])).toBeLessThan(now() - 500),
  },
  'id-token-alg-none': {
    because: /unexpected JWT "alg"/,
    wire: (run) => {
      expect(idTokenOf(run).header).toEqual({ alg: 'none' });
      expect(idTokenOf(run).raw.endsWith('.')).toBe(true);
    },
  },
  'id-token-hs256': {
    because: /unexpected JWT "alg"/,
    wire: (run) => expect(idTokenOf(run).header).toEqual({ alg: 'HS256' }),
  },
  'id-token-rs256': {
    because: /unexpected JWT "alg"/,
    wire: (run) =>
      expect(idTokenOf(run).header).toEqual({ alg: 'RS256', kid: expect.stringMatching(/^franceconnect:RS256:/) }),
  },
  'id-token-unknown-kid': {
    because: /no applicable keys found/,
    wire: (run) =>
      expect(idTokenOf(run).header).toEqual({ alg: 'ES256', kid: expect.stringMatching(/^unknown:ES256:/) }),
  },
  'id-token-bad-signature': {
    because: /signature verification failed/,
    wire: (run) => expect(idTokenOf(run).header['alg']).toBe('ES256'),
  },
  'id-token-missing-sub': {
    because: /"sub" \(subject\) claim missing/,
    wire: (run) => expect(idTokenOf(run).payload).not.toHaveProperty('sub'),
  },
  'token-500': {
    because: /unexpected HTTP response status code/,
    wire: (run) => expect(run.tokenCall?.status).toBe(500),
  },
  'token-502': {
    because: /unexpected HTTP response status code/,
    wire: (run) => {
      expect(run.tokenCall?.status).toBe(502);
      expect(run.tokenCall?.contentType).toMatch(/^text\/html/);
    },
  },
  'token-503': {
    because: /unexpected HTTP response status code/,
    wire: (run) => expect(run.tokenCall?.status).toBe(503),
  },
  'token-slow': { because: /operation timed out/, wire: (run) => expect(run.tokenCall).toBeUndefined() },
  'userinfo-tampered': {
    because: /signature verification failed/,
    wire: (run) =>
      expect(decodeJws(run.userinfoCall?.body ?? '').payload['email']).toBe('usurpateur@attaquant.sandbox.test'),
  },
  'userinfo-json': {
    because: /JWT UserInfo Response expected/,
    wire: (run) => {
      expect(run.userinfoCall?.contentType).toMatch(/^application\/json/);
      expect(JSON.parse(run.userinfoCall?.body ?? '{}')).toMatchObject({ sub: run.claims?.sub, family_name: 'DUBOIS' });
    },
  },
  'userinfo-other-sub': {
    because: /"sub" property value/,
    wire: (run) => expect(decodeJws(run.userinfoCall?.body ?? '').payload['sub']).not.toBe(run.claims?.sub),
  },
  'userinfo-wrong-aud': {
    because: /"aud" \(audience\) claim value/,
    wire: (run) => expect(decodeJws(run.userinfoCall?.body ?? '').payload['aud']).toBe('another-service-provider'),
  },
  'userinfo-wrong-iss': {
    because: /"iss" \(issuer\) claim value/,
    wire: (run) => expect(decodeJws(run.userinfoCall?.body ?? '').payload['iss']).toBe(sandbox.issuers.proconnect),
  },
  'userinfo-expired': {
    because: /"exp" \(expiration time\)/,
    wire: (run) => expect(Number(decodeJws(run.userinfoCall?.body ?? '').payload['exp'])).toBeLessThan(now() - 500),
  },
  'userinfo-401': {
    because: /challenge in the WWW-Authenticate/,
    wire: (run) =>
      expect(JSON.parse(run.userinfoCall?.body ?? '{}')).toEqual({
        error: 'invalid_token',
        error_description: 'invalid token provided',
      }),
  },
  'userinfo-500': {
    because: /unexpected HTTP response status code/,
    wire: (run) => expect(run.userinfoCall?.status).toBe(500),
  },
  'userinfo-502': {
    because: /unexpected HTTP response status code/,
    wire: (run) => expect(run.userinfoCall?.status).toBe(502),
  },
  'userinfo-503': {
    because: /unexpected HTTP response status code/,
    wire: (run) => expect(run.userinfoCall?.status).toBe(503),
  },
  'userinfo-slow': { because: /operation timed out/, wire: (run) => expect(run.userinfoCall).toBeUndefined() },
};

/** Faults openid-client does not catch by itself: the gateway's own checks must (acr, iat), or accept them (key rotation). */
const notCaughtByOpenidClient: FaultName[] = [
  'login-missing-acr',
  'login-acr-eidas2',
  'id-token-future-iat',
  'id-token-rotated-key',
];

describe('fault identities on FranceConnect', () => {
  it('covers every fault of the catalogue', () => {
    expect([...Object.keys(rejected), ...notCaughtByOpenidClient].sort()).toEqual([...faultNames].sort());
  });

  it.each(Object.entries(rejected))('%s: bad on the wire and rejected by openid-client', async (fault, expected) => {
    const started = Date.now();
    const run = await runFault('franceconnect', fault as FaultName);
    expect(run.error).toBeDefined();
    expect(run.failedAt).toBe(faultCatalogue[fault as FaultName].stage === 'userinfo' ? 'userinfo' : 'code-exchange');
    expect(reason(run)).toMatch(expected.because);
    expected.wire(run);
    if (faultCatalogue[fault as FaultName].stage === 'token' && fault !== 'token-slow') {
      expect(run.tokenCall).toBeDefined();
    }
    expect(Date.now() - started).toBeLessThan(SLOW_MS + 1_000);
  });

  it('login-missing-acr: a genuinely signed ID token without acr', async () => {
    const run = await runFault('franceconnect', 'login-missing-acr');
    expect(run.error).toBeUndefined();
    expect(idTokenOf(run).payload).not.toHaveProperty('acr');
    expect(run.claims?.acr).toBeUndefined();
  });

  it('login-acr-eidas2: a genuinely signed ID token with acr eidas2', async () => {
    const run = await runFault('franceconnect', 'login-acr-eidas2');
    expect(run.error).toBeUndefined();
    expect(run.claims?.acr).toBe('eidas2');
  });

  it('id-token-future-iat: an ID token issued an hour from now, which openid-client lets through', async () => {
    const run = await runFault('franceconnect', 'id-token-future-iat');
    expect(run.error).toBeUndefined();
    expect(Number(idTokenOf(run).payload['iat'])).toBeGreaterThan(now() + 3_000);
  });

  it('id-token-rotated-key: signs with a new key, published in the JWKS from then on', async () => {
    const jwksUrl = `${sandbox.issuers.franceconnect}/jwks`;
    const kidsBefore = ((await (await fetch(jwksUrl)).json()) as { keys: { kid: string }[] }).keys.map(
      (key) => key.kid,
    );
    const run = await runFault('franceconnect', 'id-token-rotated-key');
    const kid = String(idTokenOf(run).header['kid']);
    expect(kidsBefore).not.toContain(kid);
    const after = (await (await fetch(jwksUrl)).json()) as { keys: Record<string, string>[] };
    expect(after.keys.map((key) => key.kid)).toEqual([...kidsBefore, kid]);
    expect(after.keys.find((key) => key.kid === kid)).not.toHaveProperty('d');
    // A relying party that fetches the JWKS after the rotation accepts the token.
    expect(run.error).toBeUndefined();
  });
});

describe('fault identities on ProConnect', () => {
  it.each(['callback-missing-iss', 'id-token-wrong-nonce', 'token-503', 'userinfo-tampered'] as const)(
    '%s is produced and rejected there too',
    async (fault) => {
      const run = await runFault('proconnect', fault);
      expect(reason(run)).toMatch(rejected[fault]?.because ?? /never/);
    },
  );
});
