import { randomBytes } from 'node:crypto';
import type { KoaContextWithOIDC, OIDCContext } from 'oidc-provider';
import { generateSigningKey } from '../oidc/signing-keys';
import { proxyErrorPage } from '../pages/error-page';
import type { FaultName } from './fault-catalogue';
import { nowSeconds, OTHER_AUDIENCE, resign, slowDown, type FaultSettings } from './fault-settings';
import { corruptSignature, decodeJwt, signJwt } from './jwt-forgery';

/** The ID token `fault` makes of a valid one; unchanged for faults of other kinds. */
export function forgeIdToken(fault: FaultName, idToken: string, clientId: string, settings: FaultSettings): string {
  const { payload } = decodeJwt(idToken);
  const issuedAt = nowSeconds();
  switch (fault) {
    case 'id-token-wrong-nonce':
      return resign({ ...payload, nonce: randomBytes(32).toString('base64url') }, settings);
    case 'id-token-wrong-iss':
      return resign({ ...payload, iss: settings.otherIssuer }, settings);
    case 'id-token-wrong-aud':
      return resign({ ...payload, aud: OTHER_AUDIENCE }, settings);
    case 'id-token-extra-aud':
      return resign({ ...payload, aud: [clientId, OTHER_AUDIENCE] }, settings);
    case 'id-token-expired':
      return resign({ ...payload, auth_time: issuedAt - 660, iat: issuedAt - 600, exp: issuedAt - 540 }, settings);
    case 'id-token-future-iat':
      return resign({ ...payload, iat: issuedAt + 3600, exp: issuedAt + 3660 }, settings);
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
      return signJwt(payload, { alg: 'ES256', key: settings.keys.next.key, kid: settings.keys.next.jwk.kid });
    case 'id-token-bad-signature':
      return corruptSignature(idToken);
    case 'id-token-missing-sub': {
      const { sub: _sub, ...withoutSub } = payload;
      return resign(withoutSub, settings);
    }
    default:
      return idToken;
  }
}

/**
 * The /token answer a fault identity gets: an error page, a slow answer, or a
 * forged ID token. `onRotatedKey` is called when the token is signed with the
 * federation's next key.
 */
export async function applyTokenFault(
  ctx: KoaContextWithOIDC,
  oidc: OIDCContext,
  fault: FaultName,
  settings: FaultSettings,
  onRotatedKey: () => void,
): Promise<void> {
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
    if (fault === 'id-token-rotated-key') onRotatedKey();
    ctx.body = { ...body, id_token: forgeIdToken(fault, body['id_token'], clientId, settings) };
  }
}
