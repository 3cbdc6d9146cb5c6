import type { KoaContextWithOIDC, OIDCContext } from 'oidc-provider';
import { proxyErrorPage } from '../pages/error-page';
import type { FaultName } from './fault-catalogue';
import { nowSeconds, OTHER_AUDIENCE, resign, slowDown, type FaultSettings } from './fault-settings';
import { decodeJwt, replacePayload } from './jwt-forgery';

const ERROR_STATUS: Partial<Record<FaultName, [number, string]>> = {
  'userinfo-500': [500, 'Internal Server Error'],
  'userinfo-502': [502, 'Bad Gateway'],
  'userinfo-503': [503, 'Service Temporarily Unavailable'],
};

/** The /userinfo answer a fault identity gets: an error, a slow answer, or an altered userinfo JWT. */
export async function applyUserinfoFault(
  ctx: KoaContextWithOIDC,
  oidc: OIDCContext,
  fault: FaultName,
  settings: FaultSettings,
): Promise<void> {
  const failure = ERROR_STATUS[fault];
  if (failure) {
    ctx.status = failure[0];
    ctx.type = 'html';
    ctx.body = proxyErrorPage(failure[0], failure[1]);
    return;
  }
  if (fault === 'userinfo-401') {
    ctx.status = 401;
    ctx.set(
      'WWW-Authenticate',
      'Bearer realm="userinfo", error="invalid_token", error_description="invalid token provided"',
    );
    ctx.body = { error: 'invalid_token', error_description: 'invalid token provided' };
    return;
  }
  if (fault === 'userinfo-slow') {
    await slowDown(settings);
    return;
  }
  const clientId = oidc.client?.clientId;
  if (typeof ctx.body !== 'string' || !clientId) return;
  forgeUserinfo(ctx, ctx.body, clientId, fault, settings);
}

function forgeUserinfo(
  ctx: KoaContextWithOIDC,
  jwt: string,
  clientId: string,
  fault: FaultName,
  settings: FaultSettings,
): void {
  const { payload } = decodeJwt(jwt);
  const issuedAt = nowSeconds();
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
      ctx.body = resign({ ...payload, sub: settings.subjectFor(settings.otherAccountId, clientId) }, settings);
      break;
    case 'userinfo-wrong-aud':
      ctx.body = resign({ ...payload, aud: OTHER_AUDIENCE }, settings);
      break;
    case 'userinfo-wrong-iss':
      ctx.body = resign({ ...payload, iss: settings.otherIssuer }, settings);
      break;
    case 'userinfo-expired':
      ctx.body = resign({ ...payload, iat: issuedAt - 600, exp: issuedAt - 540 }, settings);
      break;
    default:
      return;
  }
  ctx.type = 'application/jwt; charset=utf-8';
}
