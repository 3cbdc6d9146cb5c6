import * as client from 'openid-client';
import type { IdentityProvider } from '@salle/contracts';
import { isLoopbackHost } from '../config';
import { verifyIdentity, type VerifiedIdentity } from './identity-claims';
import { classifyProviderError, LoginFailure } from './login-failure';

export interface FederationSettings {
  name: IdentityProvider;
  /** As shown to people: "FranceConnect", "ProConnect". */
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  timeoutMs: number;
}

/** What a login attempt remembers between the redirect and the callback (server-side only). */
export interface LoginAttempt {
  provider: IdentityProvider;
  state: string;
  nonce: string;
  codeVerifier?: string;
  /** Where to send the person after login: a path of this site. */
  returnTo?: string;
}

export interface CompletedLogin {
  subject: string;
  idToken: string;
  identity: VerifiedIdentity;
  /** The accepted acr of the ID token (eidas1...): the level a convention's signature records. */
  acr: string;
}

/** Levels of guarantee accepted in the ID token's `acr`. FranceConnect (eIDAS low) gives exactly eidas1. */
const ACCEPTED_ACR: Record<IdentityProvider, ReadonlySet<string>> = {
  franceconnect: new Set(['eidas1']),
  proconnect: new Set(['eidas1', 'eidas1-mfa', 'eidas2', 'eidas3']),
};

/** Tolerated clock difference with the provider on `iat` and `auth_time`. */
const CLOCK_SKEW_SECONDS = 30;

/**
 * Unknown `kid`s make openid-client fetch the JWKS again only when its copy
 * is at least this old: a copy handed to it is always declared this old, so
 * a rotated key is picked up at the first token signed with it.
 */
const JWKS_REFETCH_AGE_SECONDS = 60;
/** openid-client discards a JWKS copy older than 300 s; ours is dropped a bit earlier. */
const JWKS_MAX_AGE_SECONDS = 240;

const epoch = () => Math.floor(Date.now() / 1000);

/**
 * One identity federation seen as a relying party, with openid-client v6:
 * discovery (issuer compared byte for byte), authorization requests
 * (FranceConnect: acr_values=eidas1 and no PKCE, which it refuses;
 * ProConnect: PKCE S256 and acr through the claims parameter), and the
 * callback with every check of docs/federations.md ("What a correct relying party verifies"): openid-client verifies state,
 * RFC 9207 iss, the ES256 signatures of the ID token and of the userinfo JWT,
 * nonce, iss, aud, exp and the userinfo sub; this class adds acr, iat,
 * auth_time and the claim formats.
 */
export class Federation {
  private discoveredConfig?: Promise<client.Configuration>;
  private jwks?: client.ExportedJWKSCache;
  private readonly insecure: boolean;

  constructor(readonly settings: FederationSettings) {
    const url = new URL(settings.issuer);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      throw new Error(`${settings.label} issuer must use https: ${settings.issuer}`);
    }
    this.insecure = url.protocol === 'http:';
  }

  get name(): IdentityProvider {
    return this.settings.name;
  }

  private get timeoutSeconds() {
    return this.settings.timeoutMs / 1000;
  }

  private get clientMetadata(): Partial<client.ClientMetadata> {
    return {
      // Pinned: tokens or userinfo signed with any other alg (none, HS256, RS256) are refused.
      id_token_signed_response_alg: 'ES256',
      userinfo_signed_response_alg: 'ES256',
    };
  }

  /** Discovery, once; a failure is not cached, so the next login tries again. */
  private configuration(): Promise<client.Configuration> {
    this.discoveredConfig ??= this.discover().catch((error: unknown) => {
      this.discoveredConfig = undefined;
      const failure = classifyProviderError(error);
      // A discovery document that does not check out (another issuer...) is a configuration problem.
      throw failure.reason === 'invalid_token'
        ? new LoginFailure('integration_error', `discovery: ${failure.detail}`)
        : failure;
    });
    return this.discoveredConfig;
  }

  private async discover(): Promise<client.Configuration> {
    const config = await client.discovery(
      new URL(this.settings.issuer),
      this.settings.clientId,
      this.clientMetadata,
      client.ClientSecretPost(this.settings.clientSecret),
      { execute: this.insecure ? [client.allowInsecureRequests] : [], timeout: this.timeoutSeconds },
    );
    if (config.serverMetadata().issuer !== this.settings.issuer) {
      throw new LoginFailure('integration_error', 'discovery issuer differs from the configured issuer');
    }
    return config;
  }

  /**
   * A configuration for one callback, sharing the discovered metadata and
   * the JWKS copy. openid-client keeps its own JWKS cache per configuration
   * and refetches on an unknown kid only past 60 s: a fresh configuration
   * per callback, fed a copy declared 60 s old, makes it refetch once at
   * the first unknown kid, then fail if the kid is still unknown.
   */
  private async callbackConfiguration(): Promise<client.Configuration> {
    const discovered = await this.configuration();
    const config = new client.Configuration(
      discovered.serverMetadata(),
      this.settings.clientId,
      this.clientMetadata,
      client.ClientSecretPost(this.settings.clientSecret),
    );
    if (this.insecure) client.allowInsecureRequests(config);
    client.enableNonRepudiationChecks(config);
    config.timeout = this.timeoutSeconds;
    const now = epoch();
    if (this.jwks && now - this.jwks.uat < JWKS_MAX_AGE_SECONDS) {
      client.setJwksCache(config, {
        jwks: this.jwks.jwks,
        uat: Math.min(this.jwks.uat, now - JWKS_REFETCH_AGE_SECONDS),
      });
    }
    return config;
  }

  private rememberJwks(config: client.Configuration): void {
    const cache = client.getJwksCache(config);
    if (cache && (!this.jwks || cache.uat >= this.jwks.uat)) this.jwks = cache;
  }

  /** The provider's authorization URL for this attempt. */
  async authorizationUrl(attempt: LoginAttempt, redirectUri: string): Promise<URL> {
    const config = await this.configuration();
    const parameters: Record<string, string> = {
      redirect_uri: redirectUri,
      scope: this.settings.scopes.join(' '),
      state: attempt.state,
      nonce: attempt.nonce,
    };
    if (this.name === 'franceconnect') {
      // FranceConnect's whitelist refuses any other parameter (code_challenge included).
      parameters['acr_values'] = 'eidas1';
    } else {
      parameters['claims'] = JSON.stringify({ id_token: { acr: { essential: true, values: ['eidas1'] } } });
      if (attempt.codeVerifier) {
        parameters['code_challenge'] = await client.calculatePKCECodeChallenge(attempt.codeVerifier);
        parameters['code_challenge_method'] = 'S256';
      }
    }
    return client.buildAuthorizationUrl(config, parameters);
  }

  /** Whether PKCE is used with this federation (never with FranceConnect). */
  get usesPkce(): boolean {
    return this.name === 'proconnect';
  }

  /**
   * The callback: code exchange, ID token and userinfo verification, claim
   * checks. `callbackUrl` is the public URL the provider redirected to.
   * Throws a LoginFailure.
   */
  async completeLogin(callbackUrl: URL, attempt: LoginAttempt): Promise<CompletedLogin> {
    try {
      const config = await this.callbackConfiguration();
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          expectedState: attempt.state,
          expectedNonce: attempt.nonce,
          pkceCodeVerifier: attempt.codeVerifier,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims || !tokens.id_token) throw new LoginFailure('invalid_token', 'no ID token');
        this.checkIdTokenClaims(claims);
        const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        const identity = verifyIdentity(this.name, userinfo as Record<string, unknown>, this.settings.scopes);
        return { subject: claims.sub, idToken: tokens.id_token, identity, acr: String(claims.acr) };
      } finally {
        this.rememberJwks(config);
      }
    } catch (error) {
      throw classifyProviderError(error);
    }
  }

  /** The checks openid-client leaves to the relying party. */
  private checkIdTokenClaims(claims: client.IDToken): void {
    const acr = typeof claims.acr === 'string' ? claims.acr : undefined;
    if (!acr) throw new LoginFailure('acr_refused', 'ID token without acr');
    if (!ACCEPTED_ACR[this.name].has(acr)) throw new LoginFailure('acr_refused', 'ID token acr not accepted');
    const now = epoch();
    if (typeof claims.iat !== 'number' || claims.iat > now + CLOCK_SKEW_SECONDS) {
      throw new LoginFailure('iat_in_future', 'ID token iat in the future');
    }
    if (
      claims.auth_time !== undefined &&
      (typeof claims.auth_time !== 'number' || claims.auth_time > now + CLOCK_SKEW_SECONDS)
    ) {
      throw new LoginFailure('invalid_token', 'ID token auth_time in the future');
    }
  }

  /** RP-initiated logout URL, or undefined when the provider has no end-session endpoint or is unreachable. */
  async endSessionUrl(idToken: string, postLogoutRedirectUri: string, state: string): Promise<URL | undefined> {
    try {
      const config = await this.configuration();
      if (!config.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(config, {
        id_token_hint: idToken,
        post_logout_redirect_uri: postLogoutRedirectUri,
        state,
      });
    } catch {
      return undefined;
    }
  }
}
