import type { KoaContextWithOIDC, Provider } from 'oidc-provider';
import { errorPage } from '../pages/error-page';
import type { FederationProfile } from './federation-profile';

type Next = () => Promise<void>;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Why FranceConnect's (or ProConnect's) own validation would refuse this
 * authorization request, before oidc-provider sees it; undefined when it passes.
 * FranceConnect validates the query with a strict DTO (`forbidNonWhitelisted`).
 */
export function authorizeRefusal(query: Record<string, string | string[] | undefined>, profile: FederationProfile) {
  const rules = profile.authorize;
  const unknown = Object.keys(query).filter((name) => !rules.allowedParams.has(name));
  if (unknown.length > 0) return `paramètre(s) non autorisé(s) : ${unknown.join(', ')}`;
  const missing = rules.requiredParams.filter((name) => !single(query[name])?.trim());
  if (missing.length > 0) return `paramètre(s) obligatoire(s) manquant(s) : ${missing.join(', ')}`;
  const nonce = single(query['nonce']);
  if (rules.nonceMinLength !== undefined && (nonce ?? '').length < rules.nonceMinLength) {
    return `nonce trop court (${rules.nonceMinLength} caractères au moins)`;
  }
  if (
    rules.allowedPrompts &&
    query['prompt'] !== undefined &&
    !rules.allowedPrompts.has(single(query['prompt']) ?? '')
  ) {
    return 'valeur de prompt non autorisée';
  }
  return undefined;
}

/**
 * Koa middleware put in front of oidc-provider's own routes: the request
 * checks the real federations make and oidc-provider does not.
 */
export function requestRules(provider: Provider, profile: FederationProfile) {
  const refuse = (ctx: KoaContextWithOIDC, detail: string) => {
    ctx.status = 400;
    ctx.type = 'html';
    ctx.body = errorPage({
      federationName: profile.displayName,
      code: profile.authorize.invalidParamsCode,
      message: 'La demande de connexion envoyée par le service est invalide.',
      detail,
    });
  };

  return async (ctx: KoaContextWithOIDC, next: Next) => {
    if (ctx.method === 'GET' && ctx.path === '/authorize') {
      const refusal = authorizeRefusal(ctx.query, profile);
      if (refusal) return refuse(ctx, refusal);
      if (await redirectedWithError(ctx, provider, profile)) return;
    }
    // oidc-provider treats client_secret_basic and client_secret_post alike; the federations only enable post.
    if (
      ctx.method === 'POST' &&
      ['/token', '/token/revocation'].includes(ctx.path) &&
      /^basic /i.test(ctx.get('Authorization'))
    ) {
      ctx.status = 401;
      ctx.body = {
        error: 'invalid_client',
        error_description: 'client_secret_basic is not enabled for this client, use client_secret_post',
      };
      return;
    }
    if (profile.logoutRequiresIdTokenHint && ctx.method === 'GET' && ctx.path === '/session/end') {
      if (!single(ctx.query['id_token_hint'])) return refuse(ctx, 'paramètre obligatoire manquant : id_token_hint');
    }
    await next();
  };
}

/**
 * Refusals that come back to the service as a redirect (the client and
 * redirect_uri being valid; otherwise oidc-provider shows its error page):
 * eidas2/eidas3 on FranceConnect (eIDAS low) give `invalid_acr`, a scope
 * outside the client's habilitation gives `invalid_scope`.
 */
async function redirectedWithError(ctx: KoaContextWithOIDC, provider: Provider, profile: FederationProfile) {
  const clientId = single(ctx.query['client_id']);
  const redirectUri = single(ctx.query['redirect_uri']);
  const client = clientId ? await provider.Client.find(clientId) : undefined;
  if (!client || !redirectUri || !client.redirectUriAllowed(redirectUri)) return false;

  const acrValues = (single(ctx.query['acr_values']) ?? '').split(' ');
  const habilitation = new Set((client.scope ?? '').split(' '));
  const outside = (single(ctx.query['scope']) ?? '').split(' ').filter((scope) => scope && !habilitation.has(scope));
  let error: [string, string] | undefined;
  if (acrValues.some((acr) => profile.authorize.refusedAcrValues.has(acr))) {
    error = ['invalid_acr', 'acr_values not supported by this provider (eidas1 only)'];
  } else if (client.scope && outside.length > 0) {
    error = ['invalid_scope', `scope not allowed for this client: ${outside.join(' ')}`];
  }
  if (!error) return false;

  const target = new URL(redirectUri);
  target.searchParams.set('error', error[0]);
  target.searchParams.set('error_description', error[1]);
  const state = single(ctx.query['state']);
  if (state !== undefined) target.searchParams.set('state', state);
  target.searchParams.set('iss', provider.issuer);
  ctx.status = 303;
  ctx.redirect(target.href);
  return true;
}
