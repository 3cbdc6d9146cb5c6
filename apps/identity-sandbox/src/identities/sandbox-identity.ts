import { createHash } from 'node:crypto';
import type { FaultName } from '../faults/fault-catalogue';

export type FederationName = 'franceconnect' | 'proconnect';

/** What the provider does instead of completing the login. */
export type LoginRefusal =
  /** Redirect to the relying party with `error` (and `state`, `iss`), as FranceConnect does for a blocked account. */
  | { kind: 'redirect'; error: string; description: string }
  /** Stop on the provider's own error page, no redirect (e.g. FranceConnect's Y600006 for missing identity data). */
  | { kind: 'page'; code: string; message: string };

export type IdentityGroup =
  'standard' | 'edge' | 'malformed' | 'refused' | 'establishment' | 'department' | 'other' | 'fault';

export type ClaimValue = string | readonly string[];

/** One button of the login page: what both providers need to know about a test identity. */
export interface SandboxIdentity {
  /** oidc-provider's accountId; also the value the login form posts. */
  readonly accountId: string;
  readonly label: string;
  readonly description: string;
  readonly group: IdentityGroup;
  /** Userinfo claims, `sub` excluded (the provider derives it). */
  readonly claims: Readonly<Record<string, ClaimValue | undefined>>;
  readonly refusal?: LoginRefusal;
  readonly fault?: FaultName;
}

/** A UUID (version 4 layout) derived from `seed`, so that sandbox `sub`s stay stable across restarts. */
export function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
