import { createHash, timingSafeEqual } from 'node:crypto';

/** The API credentials a request must be signed with. */
export interface OvhCredentials {
  applicationKey: string;
  applicationSecret: string;
  consumerKey: string;
}

/** A signed request as it reached the sandbox. */
export interface SignedRequest {
  method: string;
  /** The full URL the client called (scheme, host, path and query): it is part of what is signed. */
  url: string;
  body: string;
  headers: Record<string, string | undefined>;
}

/** OVHcloud's refusal of a request, with the HTTP status and body its API answers. */
export interface OvhRefusal {
  status: number;
  errorCode: string;
  message: string;
}

/** How far the client's clock may be from the sandbox's. */
const MAX_CLOCK_SKEW_SECONDS = 180;

/**
 * Checks a request as OVHcloud's API does: a known application key, a known
 * consumer key, a timestamp close to the server's time, and
 * X-Ovh-Signature = "$1$" + hex SHA-1 of AS+CK+METHOD+URL+BODY+TIMESTAMP
 * joined with "+". Written here independently of the notification service's
 * signer, so that a mistake in either shows as a refused request.
 */
export function checkOvhSignature(
  request: SignedRequest,
  credentials: OvhCredentials,
  nowSeconds: number,
): OvhRefusal | null {
  const application = request.headers['x-ovh-application'];
  const consumer = request.headers['x-ovh-consumer'];
  const timestamp = request.headers['x-ovh-timestamp'];
  const signature = request.headers['x-ovh-signature'];
  if (application !== credentials.applicationKey)
    return { status: 403, errorCode: 'INVALID_KEY', message: 'Invalid application key' };
  if (consumer !== credentials.consumerKey)
    return { status: 403, errorCode: 'INVALID_CREDENTIAL', message: 'This credential does not exist' };
  if (!timestamp || !/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - nowSeconds) > MAX_CLOCK_SKEW_SECONDS)
    return { status: 400, errorCode: 'QUERY_TIME_OUT', message: 'Query out of time' };
  const expected = `$1$${createHash('sha1')
    .update(
      [
        credentials.applicationSecret,
        consumer,
        request.method.toUpperCase(),
        request.url,
        request.body,
        timestamp,
      ].join('+'),
    )
    .digest('hex')}`;
  const given = Buffer.from(signature ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected)))
    return { status: 400, errorCode: 'INVALID_SIGNATURE', message: 'Invalid signature' };
  return null;
}
