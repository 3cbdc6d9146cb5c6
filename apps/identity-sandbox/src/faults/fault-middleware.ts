import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KoaContextWithOIDC, OIDCContext } from 'oidc-provider';
import { generateSigningKey, type FederationKeys } from '../oidc/signing-keys';
import { proxyErrorPage } from '../pages/error-page';
import { faultCatalogue, type FaultName } from './fault-catalogue';
import { corruptSignature, decodeJwt, replacePayload, signJwt, type JwtPart, type Signer } from './jwt-forgery';

type Next = () => Promise<void>;

export interface FaultSettings {
  /** Used where a fault needs "another provider's" issuer: the other sandbox federation. */
  otherIssuer: string;
  keys: FederationKeys;
  faultOf(accountId: string): FaultName | undefined;
  /** The `sub` the provider gives `accountId` at `clientId`. */
  subjectFor(accountId: string, clientId: string): string;
  /** An identity that is not a fault identity, whose `sub` the `userinfo-other-sub` fault hands out. */
  otherAccountId: string;
  clientSecret(clientId: string): string | undefined;
  slowResponseMs: number;
  /** Aborted when the sandbox closes, so slow answers do not hold the server open. */
  closing: AbortSignal;
}

const OTHER_AUDIENCE = 'another-service-provider';

function now(): number {
  return Math.floor(Date.now() / 1000);
}

async function slowDown(settings: FaultSettings): Promise<void> {
  try {
    await sleep(settings.slowResponseMs, undefined, { signal: settings.closing });
  } catch {
    // The sandbox is closing: answer now.
  }
}

/**
 * Koa middleware in front of oidc-provider that lets it answer normally,
 * then corrupts the answer when the account behind it is a fault identity.
 * Faults at the login stage are applied by the login page instead.
 */
export function faultMiddleware(settings: FaultSettings) {
  let rotatedKeyPublished = false;
  const es256: Signer = { alg: 'ES256', key: settings.keys.es256.key, kid: settings.keys.es256.jwk.kid };

  function resign(payload: JwtPart): string {
    return signJwt(payload, es256);
  }

  function forgeIdToken(fault: FaultName, idToken: string, clientId: string): string {
    const { payload } = decodeJwt(idToken);
    const issuedAt = now();
    switch (fault) {
      case 'id-token-wrong-nonce':
        return resign({ ...payload, nonce: randomBytes(32).toString('base64url') });
      case 'id-token-wrong-iss':
        return resign({ ...payload, iss: settings.otherIssuer });
      case 'id-token-wrong-aud':
        return resign({ ...payload, aud: OTHER_AUDIENCE });
      case 'id-token-extra-aud':
        return resign({ ...payload, aud: [clientId, OTHER_AUDIENCE] });
      case 'id-token-expired':
        return resign({ ...payload, auth_time: issuedAt - 660, iat: issuedAt - 600, exp: issuedAt - 540 });
      case 'id-token-future-iat':
        return resign({ ...payload, iat: issuedAt + 3600, exp: issuedAt + 3660 });
      case 'id-token-alg-none':
        return signJwt(payload, { alg: 'none' });
      case 'id-token-hs256':
        return signJwt(payload, { alg: 'HS256', secret: settings.clientSecret(clientId) ?? '' });
      case 'id-token-rs256':
        return signJwt(payload, { alg: 'RS256', key: settings.keys.rs256.key, kid: settings.keys.rs256.jwk.kid });
      case 'id-token-unknown-kid': {
        const stranger = generateSigningKey('ES256', 'unknown');
        return signJwt(payload, { alg: 'ES256', key: stranger.key, kid: stranger.jwk.kid });
      }
      case 'id-token-rotated-key':
        rotatedKeyPublished = true;
        return signJwt(payload, { alg: 'ES256', key: settings.keys.next.key, kid: settings.keys.next.jwk.kid });
      case 'id-token-bad-signature':
        return corruptSignature(idToken);
      case 'id-token-missing-sub': {
        const { sub: _sub, ...withoutSub } = payload;
        return resign(withoutSub);
      }
      default:
        return idToken;
    }
  }

  async function onToken(ctx: KoaContextWithOIDC, oidc: OIDCContext, fault: FaultName) {
    switch (fault) {
      case 'token-500':
        ctx.status = 500;
        ctx.body = { error: 'server_error', error_description: 'oops! something went wrong' };
        return;
      case 'token-502':
        ctx.status = 502;
        ctx.type = 'html';
        ctx.body = proxyErrorPage(502, 'Bad Gateway');
        return;
      case 'token-503':
        ctx.status = 503;
        ctx.type = 'html';
        ctx.body = proxyErrorPage(503, 'Service Temporarily Unavailable');
        return;
      case 'token-slow':
        await slowDown(settings);
        return;
    }
    const body = ctx.body as Record<string, unknown>;
    const clientId = oidc.client?.clientId;
    if (typeof body['id_token'] === 'string' && clientId) {
      ctx.body = { ...body, id_token: forgeIdToken(fault, body['id_token'], clientId) };
    }
  }

  async function onUserinfo(ctx: KoaContextWithOIDC, oidc: OIDCContext, fault: FaultName) {
    const errorStatus: Partial<Record<FaultName, [number, string]>> = {
      'userinfo-500': [500, 'Internal Server Error'],
      'userinfo-502': [502, 'Bad Gateway'],
      'userinfo-503': [503, 'Service Temporarily Unavailable'],
    };
    const failure = errorStatus[fault];
    if (failure) {
      ctx.status = failure[0];
      ctx.type = 'html';
      ctx.body = proxyErrorPage(failure[0], failure[1]);
      return;
    }
    if (fault === 'userinfo-401') {
      ctx.status = 401;
      ctx.set('WWW-Authenticate', 'Bearer realm="userinfo", error="invalid_token", error_description="invalid token provided"');
      ctx.body = { error: 'invalid_token', error_description: 'invalid token provided' };
      return;
    }
    if (fault === 'userinfo-slow') {
      await slowDown(settings);
      return;
    }
    const clientId = oidc.client?.clientId;
    if (typeof ctx.body !== 'string' || !clientId) return;
    const jwt = ctx.body;
    const { payload } = decodeJwt(jwt);
    const issuedAt = now();
    switch (fault) {
      case 'userinfo-tampered':
        ctx.body = replacePayload(jwt, { ...payload, email: 'usurpateur@attaquant.sandbox.test' });
        return;
      case 'userinfo-json': {
        const { iss: _iss, aud: _aud, iat: _iat, exp: _exp, ...claims } = payload;
        ctx.body = claims;
        ctx.type = 'application/json';
        return;
      }
      case 'userinfo-other-sub':
        ctx.body = resign({ ...payload, sub: settings.subjectFor(settings.otherAccountId, clientId) });
        break;
      case 'userinfo-wrong-aud':
        ctx.body = resign({ ...payload, aud: OTHER_AUDIENCE });
        break;
      case 'userinfo-wrong-iss':
        ctx.body = resign({ ...payload, iss: settings.otherIssuer });
        break;
      case 'userinfo-expired':
        ctx.body = resign({ ...payload, iat: issuedAt - 600, exp: issuedAt - 540 });
        break;
      default:
        return;
    }
    ctx.type = 'application/jwt; charset=utf-8';
  }

  function onCallback(ctx: KoaContextWithOIDC, fault: FaultName) {
    const location = ctx.response.get('Location');
    if (!location) return;
    const target = new URL(location);
    if (!target.searchParams.has('code')) return;
    if (fault === 'callback-missing-iss') target.searchParams.delete('iss');
    if (fault === 'callback-wrong-iss') target.searchParams.set('iss', settings.otherIssuer);
    if (fault === 'callback-wrong-state') target.searchParams.set('state', randomBytes(32).toString('base64url'));
    ctx.set('Location', target.href);
  }

  return async (ctx: KoaContextWithOIDC, next: Next) => {
    await next();
    // ctx.oidc only exists on requests oidc-provider routed.
    const oidc = (ctx as { oidc?: OIDCContext }).oidc;
    if (!oidc) return;
    if (oidc.route === 'jwks' && rotatedKeyPublished && ctx.status === 200) {
      const { d: _d, ...publicJwk } = settings.keys.next.jwk;
      const body = ctx.body as { keys: JwtPart[] };
      ctx.body = { keys: [...body.keys, publicJwk] };
      return;
    }
    const accountId = oidc.entities.Account?.accountId ?? oidc.session?.accountId;
    const fault = accountId ? settings.faultOf(accountId) : undefined;
    if (!fault || !accountId) return;
    const stage = faultCatalogue[fault].stage;
    if (oidc.route === 'token' && stage === 'token' && ctx.status === 200) await onToken(ctx, oidc, fault);
    if (oidc.route === 'userinfo' && stage === 'userinfo' && ctx.status === 200) await onUserinfo(ctx, oidc, fault);
    if (oidc.route === 'resume' && stage === 'callback') onCallback(ctx, fault);
  };
}
