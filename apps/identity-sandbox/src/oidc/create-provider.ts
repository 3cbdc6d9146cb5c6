import { createHash, randomBytes } from 'node:crypto';
import Provider, { type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from '@salle/runtime';
import { faultMiddleware } from '../faults/fault-middleware';
import { errorPage } from '../pages/error-page';
import { LOGOUT_SUBMIT_SCRIPT, loggedOutPage, logoutPage } from '../pages/logout-page';
import type { FederationProfile } from './federation-profile';
import { createMemoryAdapter } from './memory-adapter';
import { requestRules } from './request-rules';
import type { FederationKeys } from './signing-keys';

/** A relying party registered at one sandbox federation. */
export interface SandboxClient {
  clientId: string;
  clientSecret: string;
  redirectUris: readonly string[];
  postLogoutRedirectUris: readonly string[];
  /** Shown on the login page ("Connexion à …"). */
  clientName?: string;
  /** The scopes the client may ask for (its habilitation); default: every scope of the federation. */
  scopes?: readonly string[];
}

export interface FederationProviderSettings {
  profile: FederationProfile;
  issuer: string;
  /** The other federation's issuer, used by the wrong-`iss` faults. */
  otherIssuer: string;
  /** Path prefix of this federation's pages (`/franceconnect`). */
  basePath: string;
  clients: readonly SandboxClient[];
  keys: FederationKeys;
  /** Secret mixed into FranceConnect's pairwise `sub`; keep it fixed to keep `sub`s stable across restarts. */
  subjectSecret: string;
  slowResponseMs: number;
  closing: AbortSignal;
  logger: Logger;
}

/** FranceConnect's `sub`: 64 lowercase hex characters then `v1`, different for each service. */
export function pairwiseSubject(clientId: string, accountId: string, secret: string): string {
  return `${createHash('sha256').update(`${clientId}|${accountId}|${secret}`).digest('hex')}v1`;
}

function clientMetadata(client: SandboxClient, profile: FederationProfile): ClientMetadata {
  const hosts = new Set(client.redirectUris.map((uri) => new URL(uri).host));
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    client_name: client.clientName,
    redirect_uris: [...client.redirectUris],
    post_logout_redirect_uris: [...client.postLogoutRedirectUris],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
    id_token_signed_response_alg: 'ES256',
    userinfo_signed_response_alg: 'ES256',
    subject_type: profile.subjectType,
    // FranceConnect's ID tokens always carry auth_time.
    require_auth_time: true,
    // Scopes outside this list get `invalid_scope`, as scopes outside a FranceConnect habilitation do.
    scope: (client.scopes ?? profile.scopes).join(' '),
    // oidc-provider wants a sector identifier when pairwise redirect URIs span hosts; it is never fetched here.
    ...(profile.subjectType === 'pairwise' && hosts.size > 1
      ? { sector_identifier_uri: `https://${profile.name}.identity-sandbox.invalid/sector/${client.clientId}` }
      : {}),
  };
}

/** Adds an inline script's hash to the page's CSP `script-src`, as oidc-provider does for its own scripts. */
function allowInlineScript(ctx: KoaContextWithOIDC, script: string): void {
  const csp = ctx.response.get('Content-Security-Policy');
  if (!csp) return;
  const hash = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
  ctx.set(
    'Content-Security-Policy',
    csp
      .split(';')
      .map((directive) =>
        directive.trim().startsWith('script-src ') ? `${directive.trim()} ${hash}` : directive.trim(),
      )
      .join('; '),
  );
}

/** One federation: an oidc-provider instance configured to behave like FranceConnect or ProConnect. */
export function createFederationProvider(settings: FederationProviderSettings): Provider {
  const { profile, keys } = settings;
  const identities = new Map(profile.identities.map((identity) => [identity.accountId, identity]));
  const secrets = new Map(settings.clients.map((client) => [client.clientId, client.clientSecret]));
  const subjectFor = (accountId: string, clientId: string) =>
    profile.subjectType === 'pairwise' ? pairwiseSubject(clientId, accountId, settings.subjectSecret) : accountId;

  const configuration: Configuration = {
    adapter: createMemoryAdapter(),
    clients: settings.clients.map((client) => clientMetadata(client, profile)),
    jwks: { keys: [keys.es256.jwk, keys.rs256.jwk] },
    acrValues: profile.acrValues,
    claims: profile.claims,
    scopes: profile.scopes,
    subjectTypes: [profile.subjectType],
    pairwiseIdentifier: (_ctx, accountId, client) =>
      pairwiseSubject(client.clientId, accountId, settings.subjectSecret),
    sectorIdentifierUriValidate: () => false,
    clientAuthMethods: ['client_secret_post'],
    clientBasedCORS: () => false,
    responseTypes: ['code'],
    enabledJWA: {
      // Discovery lists HS256 as FranceConnect's does; the registered clients are pinned to ES256.
      idTokenSigningAlgValues: ['ES256', 'RS256', 'HS256'],
      userinfoSigningAlgValues: ['ES256', 'RS256', 'HS256'],
    },
    allowOmittingSingleRegisteredRedirectUri: false,
    pkce: { required: () => false },
    routes: {
      authorization: '/authorize',
      token: '/token',
      userinfo: '/userinfo',
      end_session: '/session/end',
      jwks: '/jwks',
      revocation: '/token/revocation',
    },
    ttl: { ...profile.ttl },
    cookies: {
      // Both federations and the gateway share the host 127.0.0.1 (cookies ignore ports): names must differ.
      names: {
        session: `${profile.name}_session`,
        interaction: `${profile.name}_interaction`,
        resume: `${profile.name}_interaction_resume`,
      },
      keys: [randomBytes(32).toString('base64url')],
    },
    features: {
      devInteractions: { enabled: false },
      // Neither federation offers these; keep them out of discovery.
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
      claimsParameter: { enabled: true },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: true },
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          allowInlineScript(ctx, LOGOUT_SUBMIT_SCRIPT);
          ctx.type = 'html';
          ctx.body = logoutPage(profile.displayName, form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage(profile.displayName);
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `${settings.basePath}/interaction/${interaction.uid}` },
    findAccount: (_ctx, accountId) => {
      const identity = identities.get(accountId);
      if (!identity) return undefined;
      return { accountId, claims: () => ({ ...identity.claims, sub: accountId }) };
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage({
        federationName: profile.displayName,
        code: profile.errorPageCodes[out.error] ?? out.error,
        message: 'La demande de connexion ne peut pas aboutir.',
        detail: out.error_description,
      });
    },
  };

  const provider = new Provider(settings.issuer, configuration);
  // Honour X-Forwarded-* when the sandbox sits behind a proxy that terminates TLS.
  provider.proxy = true;
  provider.use(requestRules(provider, profile));
  provider.use(
    faultMiddleware({
      otherIssuer: settings.otherIssuer,
      keys,
      faultOf: (accountId) => identities.get(accountId)?.fault,
      subjectFor,
      otherAccountId: profile.identities.find((identity) => !identity.fault && !identity.refusal)?.accountId ?? '',
      clientSecret: (clientId) => secrets.get(clientId),
      slowResponseMs: settings.slowResponseMs,
      closing: settings.closing,
    }),
  );
  provider.on('server_error', (_ctx: KoaContextWithOIDC, error: Error) => {
    settings.logger.error({ err: error, federation: profile.name }, 'oidc-provider server error');
  });
  return provider;
}
