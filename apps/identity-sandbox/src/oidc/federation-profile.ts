import type { Configuration } from 'oidc-provider';
import type { FederationName, IdentityGroup, SandboxIdentity } from '../identities/sandbox-identity';

/** What the authorize endpoint accepts before oidc-provider even sees the request. */
export interface AuthorizeRules {
  /** Any other parameter is refused with `invalidParamsCode`. */
  allowedParams: ReadonlySet<string>;
  /** Must be present and non-empty. */
  requiredParams: readonly string[];
  nonceMinLength?: number;
  /** Allowed `prompt` values (whole value); undefined = anything oidc-provider accepts. */
  allowedPrompts?: ReadonlySet<string>;
  /** `acr_values` members that end the flow with a redirect carrying `error=invalid_acr`. */
  refusedAcrValues: ReadonlySet<string>;
  /** Code of the provider's error page for a refused request (no redirect). */
  invalidParamsCode: string;
}

/** How one federation differs from the other; the provider is built from this. */
export interface FederationProfile {
  name: FederationName;
  displayName: string;
  /** Identities on the login page, fault identities included. */
  identities: readonly SandboxIdentity[];
  /** Login page sections, in order. */
  groups: readonly { group: IdentityGroup; title: string }[];
  claims: NonNullable<Configuration['claims']>;
  scopes: readonly string[];
  acrValues: readonly string[];
  /** The `acr` a normal login gets. */
  loginAcr: string;
  amr: readonly string[];
  /** FranceConnect: pairwise `sub` (64 hex + `v1`); ProConnect: the account's UUID. */
  subjectType: 'pairwise' | 'public';
  ttl: {
    AccessToken: number;
    AuthorizationCode: number;
    IdToken: number;
    Interaction: number;
    Session: number;
    Grant: number;
  };
  authorize: AuthorizeRules;
  /** `/session/end` requires `id_token_hint` (FranceConnect's logout DTO). */
  logoutRequiresIdTokenHint: boolean;
  /** Error page codes for oidc-provider's own errors, by OAuth error name. */
  errorPageCodes: Readonly<Record<string, string>>;
}
