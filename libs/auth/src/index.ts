export {
  callerSchema,
  INTERNAL_TOKEN_ALG,
  INTERNAL_TOKEN_ISSUER,
  INTERNAL_TOKEN_TTL_SECONDS,
  type Caller,
} from './internal-token';
export { createTokenIssuer, generateSigningJwk, type TokenIssuer, type TokenIssuerOptions } from './token-issuer';
export { publishedJwk, type PublishedJwk } from './public-key';
export { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from './token-verifier';
export { internalAuthentication, optionalCaller, requireCaller } from './express';
export { startJwksServer, type JwksServer } from './jwks-server';
export {
  accessFromInternalToken,
  managesEstablishment,
  maySeeBooking,
  requireAccess,
  requireAdmin,
  requireManagerOf,
  type CallerAccess,
} from './caller-access';
