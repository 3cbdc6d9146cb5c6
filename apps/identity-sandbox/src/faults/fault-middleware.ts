import { randomBytes } from 'node:crypto';
import type { KoaContextWithOIDC, OIDCContext } from 'oidc-provider';
import { faultCatalogue, type FaultName } from './fault-catalogue';
import type { FaultSettings } from './fault-settings';
import type { JwtPart } from './jwt-forgery';
import { applyTokenFault } from './token-faults';
import { applyUserinfoFault } from './userinfo-faults';

export type { FaultSettings } from './fault-settings';

type Next = () => Promise<void>;

/** The authorization redirect a fault identity gets: its `iss` or `state` altered. */
export function forgeCallbackLocation(location: string, fault: FaultName, otherIssuer: string): string | undefined {
  const target = new URL(location);
  if (!target.searchParams.has('code')) return undefined;
  if (fault === 'callback-missing-iss') target.searchParams.delete('iss');
  if (fault === 'callback-wrong-iss') target.searchParams.set('iss', otherIssuer);
  if (fault === 'callback-wrong-state') target.searchParams.set('state', randomBytes(32).toString('base64url'));
  return target.href;
}

/**
 * Koa middleware in front of oidc-provider that lets it answer normally,
 * then corrupts the answer when the account behind it is a fault identity.
 * Faults at the login stage are applied by the login page instead.
 */
export function faultMiddleware(settings: FaultSettings) {
  let rotatedKeyPublished = false;
  // Once a token is signed with the next key, the JWKS publishes that key too.
  const publishRotatedKey = () => {
    rotatedKeyPublished = true;
  };

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
    if (oidc.route === 'token' && stage === 'token' && ctx.status === 200)
      await applyTokenFault(ctx, oidc, fault, settings, publishRotatedKey);
    if (oidc.route === 'userinfo' && stage === 'userinfo' && ctx.status === 200)
      await applyUserinfoFault(ctx, oidc, fault, settings);
    if (oidc.route === 'resume' && stage === 'callback') {
      const location = ctx.response.get('Location');
      const forged = location ? forgeCallbackLocation(location, fault, settings.otherIssuer) : undefined;
      if (forged) ctx.set('Location', forged);
    }
  };
}
