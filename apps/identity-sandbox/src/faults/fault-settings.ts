import { setTimeout as sleep } from 'node:timers/promises';
import type { FederationKeys } from '../oidc/signing-keys';
import type { FaultName } from './fault-catalogue';
import { signJwt, type JwtPart } from './jwt-forgery';

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

/** The audience of "another service provider" in forged tokens. */
export const OTHER_AUDIENCE = 'another-service-provider';

/** Now, in JWT seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Waits `slowResponseMs`, or less when the sandbox closes meanwhile. */
export async function slowDown(settings: FaultSettings): Promise<void> {
  try {
    await sleep(settings.slowResponseMs, undefined, { signal: settings.closing });
  } catch {
    // The sandbox is closing: answer now.
  }
}

/** Signs an altered payload with the federation's own ES256 key: only the altered claims are wrong. */
export function resign(payload: JwtPart, settings: FaultSettings): string {
  return signJwt(payload, { alg: 'ES256', key: settings.keys.es256.key, kid: settings.keys.es256.jwk.kid });
}
