import { ConfigError, env, production } from '@salle/config';
import {
  certificateFromP12,
  certificateFromPem,
  generateDevelopmentCertificate,
  isDevelopmentLike,
  type SealCertificate,
} from './certificate';

/** The variables a service that seals conventions spreads into its `defineConfig` shape. */
export function sealVariables() {
  return {
    /** The platform's sealing certificate and key as a PKCS#12 bundle, base64-encoded. */
    CONVENTION_SEAL_P12_BASE64: env.text().optional(),
    CONVENTION_SEAL_P12_PASSWORD: env.text().optional(),
    /** Or a PEM pair: the certificate (then its chain) and the private key. */
    CONVENTION_SEAL_CERT_PEM: env.text().optional(),
    CONVENTION_SEAL_KEY_PEM: env.text().optional(),
  };
}

export interface SealConfig {
  NODE_ENV?: string;
  CONVENTION_SEAL_P12_BASE64?: string;
  CONVENTION_SEAL_P12_PASSWORD?: string;
  CONVENTION_SEAL_CERT_PEM?: string;
  CONVENTION_SEAL_KEY_PEM?: string;
}

function configuredCertificate(config: Partial<SealConfig>): SealCertificate | undefined {
  if (config.CONVENTION_SEAL_P12_BASE64) {
    return certificateFromP12(config.CONVENTION_SEAL_P12_BASE64, config.CONVENTION_SEAL_P12_PASSWORD ?? '');
  }
  if (config.CONVENTION_SEAL_CERT_PEM && config.CONVENTION_SEAL_KEY_PEM) {
    return certificateFromPem(config.CONVENTION_SEAL_KEY_PEM, config.CONVENTION_SEAL_CERT_PEM);
  }
  return undefined;
}

/**
 * Checks for `defineConfig`: a configured certificate must open; production needs one, and refuses the
 * development certificate or any self-signed one, which nobody outside the platform could trust.
 */
export function checkSealConfig(config: Partial<SealConfig>): (ConfigError | undefined)[] {
  const variable = config.CONVENTION_SEAL_P12_BASE64 ? 'CONVENTION_SEAL_P12_BASE64' : 'CONVENTION_SEAL_CERT_PEM';
  const halfPem = !config.CONVENTION_SEAL_CERT_PEM !== !config.CONVENTION_SEAL_KEY_PEM;
  if (halfPem && !config.CONVENTION_SEAL_P12_BASE64) {
    return [
      new ConfigError('CONVENTION_SEAL_KEY_PEM', 'both CONVENTION_SEAL_CERT_PEM and CONVENTION_SEAL_KEY_PEM', true),
    ];
  }
  let certificate: SealCertificate | undefined;
  try {
    certificate = configuredCertificate(config);
  } catch {
    return [new ConfigError(variable, 'a certificate and private key that open (check the password)', false)];
  }
  if (!production.isProduction(config)) return [];
  if (!certificate) {
    return [
      new ConfigError(
        'CONVENTION_SEAL_P12_BASE64',
        'the sealing certificate (required when NODE_ENV=production)',
        true,
      ),
    ];
  }
  return [
    isDevelopmentLike(certificate.certificatePem)
      ? new ConfigError(
          variable,
          'a certificate issued by a certification authority, not the development or a self-signed one (required when NODE_ENV=production)',
          false,
        )
      : undefined,
  ];
}

/**
 * The configured certificate, or outside production a development one generated for this process: conventions
 * sealed with it verify only until the service restarts, which is enough to try the flow.
 */
export function loadSealCertificate(config: SealConfig): SealCertificate {
  return configuredCertificate(config) ?? generateDevelopmentCertificate();
}
