import { StripeApiError } from '../engine/stripe-error';

function masked(key: string): string {
  return `${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`;
}

/**
 * The secret key of a request: `Authorization: Bearer sk_test_...` (or Basic
 * with the key as user name, as `curl -u` sends it).
 */
export function apiKeyOf(header: string | undefined, accepts: (key: string) => boolean): string {
  if (!header) {
    throw new StripeApiError(
      401,
      'invalid_request_error',
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  let key: string | undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) key = bearer[1];
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic)
    key = Buffer.from(basic[1] ?? '', 'base64')
      .toString('utf8')
      .split(':')[0];
  if (!key) {
    throw new StripeApiError(
      401,
      'invalid_request_error',
      'Invalid Authorization header: use Bearer auth with your secret key.',
    );
  }
  if (key.startsWith('sk_live_') || key.startsWith('rk_live_')) {
    throw new StripeApiError(
      401,
      'invalid_request_error',
      'The stripe-sandbox never accepts live keys: use a test key (sk_test_...).',
      { code: 'api_key_expired' },
    );
  }
  if (!accepts(key)) throw new StripeApiError(401, 'invalid_request_error', `Invalid API Key provided: ${masked(key)}`);
  return key;
}

/** The sandbox emulates one API version: the one the payment service pins. */
export function checkApiVersion(header: string | undefined, pinned: string): void {
  if (!header) {
    throw new StripeApiError(
      400,
      'invalid_request_error',
      `Missing Stripe-Version header: the stripe-sandbox only emulates ${pinned}; send Stripe-Version: ${pinned}.`,
      {
        code: 'api_version_missing',
      },
    );
  }
  if (header !== pinned) {
    throw new StripeApiError(
      400,
      'invalid_request_error',
      `Invalid Stripe API version: ${header}. The stripe-sandbox only emulates ${pinned}.`,
      {
        code: 'api_version_invalid',
      },
    );
  }
}
