import { X509Certificate, createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** The platform's sealing identity: its private key, its certificate and the CA certificates above it. */
export interface SealCertificate {
  privateKeyPem: string;
  certificatePem: string;
  /** Intermediate and root certificates, embedded in the seal so a reader can build the chain. */
  chainPem: string[];
}

/** Marks the development certificate, so production can refuse it by name as well as by being self-signed. */
export const DEVELOPMENT_CERTIFICATE_ORGANISATION = 'Salle sur demande - DEVELOPPEMENT UNIQUEMENT';

/**
 * A self-signed certificate for development and tests, valid for a year. The key is made by Node's crypto
 * (fast, native); node-forge writes the X.509 certificate, which Node cannot.
 */
export function generateDevelopmentCertificate(now = new Date()): SealCertificate {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(privateKeyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // A positive serial: the first byte's high bit clear.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 365 * 24 * 3600 * 1000);
  // UTF8String (forge encodes it), so that readers such as Node and poppler show the accents.
  const utf8 = (name: string, value: string) => ({
    name,
    value,
    valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class,
  });
  const subject = [
    utf8('commonName', 'Sceau de la plateforme (développement)'),
    utf8('organizationName', DEVELOPMENT_CERTIFICATE_ORGANISATION),
    { name: 'countryName', value: 'FR' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { privateKeyPem, certificatePem: forge.pki.certificateToPem(cert), chainPem: [] };
}

/** Reads a PKCS#12 bundle (base64): the key, the certificate matching it, and the other certificates as chain. */
export function certificateFromP12(base64: string, password: string): SealCertificate {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.decode64(base64)), false, password);
  const keyBag = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ][0];
  if (!keyBag?.key) throw new Error('The PKCS#12 bundle holds no private key');
  const certificates = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap(
    (bag) => (bag.cert ? [forge.pki.certificateToPem(bag.cert)] : []),
  );
  return certificateFromPem(forge.pki.privateKeyToPem(keyBag.key), certificates.join('\n'));
}

/** A key and one or more PEM certificates; the one matching the key signs, the others form the chain. */
export function certificateFromPem(privateKeyPem: string, certificatesPem: string): SealCertificate {
  const key = createPrivateKey(privateKeyPem);
  const certificates = splitPem(certificatesPem);
  const own = certificates.find((pem) => new X509Certificate(pem).checkPrivateKey(key));
  if (!own) throw new Error('No certificate matches the private key');
  return {
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem: own,
    chainPem: certificates.filter((pem) => pem !== own),
  };
}

export function splitPem(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** Whether a certificate is the development one or any self-signed certificate, which production refuses. */
export function isDevelopmentLike(certificatePem: string): boolean {
  const cert = new X509Certificate(certificatePem);
  return cert.subject.includes(DEVELOPMENT_CERTIFICATE_ORGANISATION) || cert.checkIssued(cert);
}
