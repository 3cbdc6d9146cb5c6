import type { JWK } from 'jose';
import { INTERNAL_TOKEN_ALG } from './internal-token';

/** An EC P-256 public key as published in the gateway's JWKS, with the kid tokens name it by. */
export interface PublishedJwk extends JWK {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: typeof INTERNAL_TOKEN_ALG;
  use: 'sig';
}

const COORDINATE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The published form of an EC P-256 key (private or public) that has a kid, or undefined for any other
 * key. Only the public members are kept, so a private key given by mistake never leaks through a JWKS.
 */
export function publishedJwk(jwk: JWK): PublishedJwk | undefined {
  const { kty, crv, x, y, kid, alg } = jwk;
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y || !COORDINATE.test(x) || !COORDINATE.test(y)) return undefined;
  if (typeof kid !== 'string' || !kid || (alg !== undefined && alg !== INTERNAL_TOKEN_ALG)) return undefined;
  return { kty: 'EC', crv: 'P-256', x, y, kid, alg: INTERNAL_TOKEN_ALG, use: 'sig' };
}
