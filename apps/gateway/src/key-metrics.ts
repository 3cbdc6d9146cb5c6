import type { TokenIssuer } from '@salle/auth';
import { Gauge, type Registry } from 'prom-client';

/**
 * How many public keys the gateway publishes for internal tokens: 1 in steady state, 2 during a key rotation
 * (`INTERNAL_PUBLISHED_KEYS`). The signing key has no expiry; what goes stale is a rotation left half done,
 * whose retired key still verifies tokens: an alert (deploy/monitoring/alerts.yml) fires when it lasts.
 */
export function keyMetrics(registry: Registry, issuer: TokenIssuer): Gauge {
  return new Gauge({
    name: 'gateway_internal_keys_published',
    help: 'Public keys published in the internal JWKS: above 1 while a key rotation is under way.',
    registers: [registry],
    collect() {
      this.set(issuer.jwks().keys.length);
    },
  });
}
