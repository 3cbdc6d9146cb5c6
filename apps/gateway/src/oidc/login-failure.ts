import * as client from 'openid-client';

/**
 * Why a login ended without a session. Each reason has its own French page
 * (see pages/login-error-page.ts) and is what the logs record: never a
 * token, a claim value or a provider's free text.
 */
export type LoginFailureReason =
  | 'state_missing'
  | 'state_unknown'
  | 'iss_mismatch'
  | 'code_missing'
  | 'cancelled'
  | 'provider_error'
  | 'integration_error'
  | 'provider_unreachable'
  | 'provider_timeout'
  | 'provider_failure'
  | 'token_rejected'
  | 'invalid_token'
  | 'acr_refused'
  | 'iat_in_future'
  | 'invalid_claims';

export class LoginFailure extends Error {
  override readonly name = 'LoginFailure';

  constructor(
    readonly reason: LoginFailureReason,
    /** A fixed description for operators (no values from the provider's response). */
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** Provider `error` codes on the callback (docs/federations.md, "Errors on the callback"). */
export function callbackErrorFailure(error: string): LoginFailure {
  switch (error) {
    case 'access_denied':
      return new LoginFailure('cancelled', 'access_denied');
    case 'server_error':
    case 'temporarily_unavailable':
      return new LoginFailure('provider_error', error);
    case 'invalid_request':
    case 'invalid_scope':
    case 'invalid_acr':
    case 'unsupported_response_type':
    case 'unauthorized_client':
    case 'login_required':
      return new LoginFailure('integration_error', error);
    default:
      // Legacy Exxxxxx / Yxxxxxx codes or anything else: only its shape is recorded.
      return new LoginFailure(
        'integration_error',
        /^[A-Za-z0-9_]{1,40}$/.test(error) ? error : 'unrecognised error code',
      );
  }
}

/** Name and message of anything thrown, without `instanceof` (errors of fetch may come from another realm). */
export function describeError(error: unknown): { name: string; message: string } {
  const { name, message } = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
  };
  return { name: typeof name === 'string' ? name : typeof error, message: typeof message === 'string' ? message : '' };
}

function messages(error: Error): string {
  const cause = error.cause === undefined ? '' : ` (${describeError(error.cause).message})`;
  return `${error.message}${cause}`.slice(0, 300);
}

/**
 * Turns what openid-client throws into a LoginFailure. Its messages are fixed
 * strings (values travel in `cause`, which is never logged), so they are
 * kept as the detail. Anything unrecognised is rethrown as a bug.
 */
export function classifyProviderError(error: unknown): LoginFailure {
  if (error instanceof LoginFailure) return error;
  if (error instanceof client.AuthorizationResponseError) return callbackErrorFailure(error.error);
  if (error instanceof client.ResponseBodyError) {
    if (error.error === 'invalid_grant') return new LoginFailure('token_rejected', 'invalid_grant');
    if (error.status >= 500)
      return new LoginFailure('provider_failure', `HTTP ${error.status} ${error.error}`.slice(0, 100));
    return new LoginFailure('integration_error', `HTTP ${error.status} ${error.error}`.slice(0, 100));
  }
  if (error instanceof client.WWWAuthenticateChallengeError) {
    return new LoginFailure('provider_failure', `HTTP ${error.status} with a WWW-Authenticate challenge`);
  }
  if (error instanceof client.ClientError) {
    // openid-client wraps network errors it does not recognise (another realm's TypeError) in "something went wrong".
    const cause = describeError(error.cause);
    if (cause.name === 'TypeError' && /fetch failed/.test(cause.message))
      return new LoginFailure('provider_unreachable', messages(error));
    switch (error.code) {
      case 'OAUTH_TIMEOUT':
        return new LoginFailure('provider_timeout', messages(error));
      case 'OAUTH_RESPONSE_IS_NOT_CONFORM':
      case 'OAUTH_RESPONSE_IS_NOT_JSON':
        return new LoginFailure('provider_failure', messages(error));
      default:
        return new LoginFailure('invalid_token', messages(error));
    }
  }
  const { name, message } = describeError(error);
  if (name === 'TypeError' && /fetch failed/.test(message)) {
    return new LoginFailure('provider_unreachable', messages(error as Error));
  }
  if (name === 'TimeoutError') return new LoginFailure('provider_timeout', message);
  throw error;
}
