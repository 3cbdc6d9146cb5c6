import { createHash } from 'node:crypto';

/** An OVHcloud API user: the application's key and secret, and the consumer key that grants it rights. */
export interface OvhKeys {
  applicationKey: string;
  applicationSecret: string;
  consumerKey: string;
}

/**
 * The headers OVHcloud's API authenticates a call with: X-Ovh-Signature is
 * "$1$" + hex SHA-1 of secret, consumer key, method, full URL, body and
 * timestamp joined with "+" (the timestamp in Unix seconds of OVHcloud's clock).
 */
export function ovhHeaders(
  keys: OvhKeys,
  request: { method: string; url: string; body: string },
  timestamp: number,
): Record<string, string> {
  const signed = [keys.applicationSecret, keys.consumerKey, request.method, request.url, request.body, timestamp].join(
    '+',
  );
  return {
    'X-Ovh-Application': keys.applicationKey,
    'X-Ovh-Consumer': keys.consumerKey,
    'X-Ovh-Timestamp': String(timestamp),
    'X-Ovh-Signature': `$1$${createHash('sha1').update(signed).digest('hex')}`,
  };
}
