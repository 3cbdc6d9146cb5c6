import forge from 'node-forge';
import { generateDevelopmentCertificate } from './certificate';
import { checkSealConfig, loadSealCertificate } from './seal-config';

const dev = generateDevelopmentCertificate();

function p12Base64(password: string): string {
  const key = forge.pki.privateKeyFromPem(dev.privateKeyPem);
  const cert = forge.pki.certificateFromPem(dev.certificatePem);
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: '3des' });
  return forge.util.encode64(forge.asn1.toDer(asn1).getBytes());
}

describe('seal configuration', () => {
  it('generates a development certificate when none is configured, outside production', () => {
    expect(checkSealConfig({ NODE_ENV: 'development' })).toEqual([]);
    expect(loadSealCertificate({ NODE_ENV: 'development' }).certificatePem).toContain('BEGIN CERTIFICATE');
  });

  it('loads a PKCS#12 bundle, and refuses a wrong password', () => {
    const base64 = p12Base64('secret-password');
    const config = { CONVENTION_SEAL_P12_BASE64: base64, CONVENTION_SEAL_P12_PASSWORD: 'secret-password' };
    expect(checkSealConfig(config)).toEqual([]);
    expect(loadSealCertificate(config).certificatePem.replace(/\s/g, '')).toBe(dev.certificatePem.replace(/\s/g, ''));
    const wrong = checkSealConfig({ ...config, CONVENTION_SEAL_P12_PASSWORD: 'nope' });
    expect(wrong.map((e) => e?.variable)).toEqual(['CONVENTION_SEAL_P12_BASE64']);
  });

  it('loads a PEM pair, and refuses half of one', () => {
    const config = { CONVENTION_SEAL_CERT_PEM: dev.certificatePem, CONVENTION_SEAL_KEY_PEM: dev.privateKeyPem };
    expect(checkSealConfig(config)).toEqual([]);
    expect(checkSealConfig({ CONVENTION_SEAL_CERT_PEM: dev.certificatePem }).map((e) => e?.variable)).toEqual([
      'CONVENTION_SEAL_KEY_PEM',
    ]);
  });

  it('in production, needs a certificate and refuses the development (self-signed) one', () => {
    expect(checkSealConfig({ NODE_ENV: 'production' }).map((e) => e?.variable)).toEqual(['CONVENTION_SEAL_P12_BASE64']);
    const devInProduction = checkSealConfig({
      NODE_ENV: 'production',
      CONVENTION_SEAL_CERT_PEM: dev.certificatePem,
      CONVENTION_SEAL_KEY_PEM: dev.privateKeyPem,
    });
    expect(devInProduction.filter(Boolean).map((e) => e?.variable)).toEqual(['CONVENTION_SEAL_CERT_PEM']);
  });
});
