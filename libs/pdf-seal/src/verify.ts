import { X509Certificate, verify } from 'node:crypto';
import { OID, bytesOf, parseCadesSignature, sha256, signingCertificateHash, type ParsedSignature } from './cms';
import type { ConventionEvidence } from './evidence';
import { readEvidence } from './read-evidence';

export type SealFailure =
  'not_sealed' | 'byte_range' | 'malformed' | 'digest_mismatch' | 'bad_signature' | 'untrusted_certificate';

export interface SealVerification {
  valid: boolean;
  /** The sealing certificate's common name, when the signature could be read. */
  signedBy: string | null;
  /** The claimed signing time (ISO), from the signature dictionary. */
  signedAt: string | null;
  /** SHA-256 of the file as given, to compare with the hash the platform recorded. */
  documentSha256: string;
  evidence: ConventionEvidence | null;
  reason?: SealFailure;
}

export interface VerifyOptions {
  /** The platform's sealing certificate (PEM), or the CA certificates it must chain to. */
  trusted: string[];
}

interface SignatureField {
  byteRange: [number, number, number, number];
  dictionary: string;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** The one signature of the file, or why there is none we accept. */
function findSignature(text: string): SignatureField | SealFailure {
  const matches = [...text.matchAll(BYTE_RANGE)];
  if (matches.length === 0) return 'not_sealed';
  if (matches.length > 1) return 'byte_range'; // a seal is the only signature; another one is a later change
  const at = matches[0].index;
  const start = text.lastIndexOf(' obj', at);
  const end = text.indexOf('endobj', at);
  const byteRange = matches[0].slice(1, 5).map(Number) as SignatureField['byteRange'];
  return { byteRange, dictionary: text.slice(start, end < 0 ? undefined : end) };
}

/** The signed ranges cover the whole file but the signature's own hex string. */
function coversWholeFile(bytes: Uint8Array, text: string, [a, b, c, d]: SignatureField['byteRange']): boolean {
  return (
    a === 0 &&
    b > 0 &&
    c > b + 1 &&
    c + d === bytes.length &&
    text[b] === '<' &&
    text[c - 1] === '>' &&
    /^[0-9a-fA-F]*$/.test(text.slice(b + 1, c - 1))
  );
}

function pdfDate(dictionary: string): string | null {
  const m = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|([+-])(\d{2})'?(\d{2})'?)?/.exec(dictionary);
  if (!m) return null;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[8]}${m[9]}:${m[10]}`;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const commonName = (cert: X509Certificate): string =>
  /(?:^|\n)CN=(.*)/.exec(cert.subject)?.[1] ?? cert.subject.replace(/\n/g, ', ');

/** The signer's certificate is a trusted one, or chains to one through the certificates in the signature. */
function isTrusted(signature: ParsedSignature, trusted: X509Certificate[], at: Date): boolean {
  const { signer, certificates } = signature;
  if (at < new Date(signer.validFrom) || at > new Date(signer.validTo)) return false;
  let current = signer;
  for (let depth = 0; depth < 5; depth += 1) {
    if (trusted.some((t) => t.raw.equals(current.raw))) return true;
    if (trusted.some((t) => current.checkIssued(t) && current.verify(t.publicKey))) return true;
    const issuer = certificates.find((c) => c !== current && current.checkIssued(c) && current.verify(c.publicKey));
    if (!issuer || issuer.checkIssued(issuer)) return false; // a self-signed root not in the trusted list
    current = issuer;
  }
  return false;
}

function checkSignature(
  bytes: Uint8Array,
  field: SignatureField,
  signature: ParsedSignature,
  trusted: X509Certificate[],
  signedAt: string | null,
): SealFailure | undefined {
  const [, b, c, d] = field.byteRange;
  if (!/\/SubFilter\s*\/ETSI\.CAdES\.detached/.test(field.dictionary)) return 'malformed';
  const contentType = signature.attributes.get(OID.contentType);
  const digest = signature.attributes.get(OID.messageDigest);
  if (!contentType || !digest) return 'malformed';
  const signedBytes = Buffer.concat([bytes.subarray(0, b), bytes.subarray(c, c + d)]);
  if (!bytesOf(digest).equals(sha256(signedBytes))) return 'digest_mismatch';
  const certHash = signingCertificateHash(signature.attributes.get(OID.signingCertificateV2));
  if (!certHash?.equals(sha256(signature.signer.raw))) return 'bad_signature';
  if (!verify('sha256', signature.signedAttributesDer, signature.signer.publicKey, signature.signature)) {
    return 'bad_signature';
  }
  return isTrusted(signature, trusted, signedAt ? new Date(signedAt) : new Date())
    ? undefined
    : 'untrusted_certificate';
}

/**
 * Checks a sealed convention: one signature whose byte range covers the whole file except the signature
 * itself, a CMS signature over it by the configured certificate (or one chaining to it) with a matching
 * message digest. Any later change, appended update or removed seal makes it invalid.
 */
export async function verifySealedPdf(bytes: Uint8Array, options: VerifyOptions): Promise<SealVerification> {
  const text = Buffer.from(bytes).toString('latin1');
  const result: SealVerification = {
    valid: false,
    signedBy: null,
    signedAt: null,
    documentSha256: sha256(bytes).toString('hex'),
    evidence: await readEvidence(bytes),
  };
  const field = findSignature(text);
  if (typeof field === 'string') return { ...result, reason: field };
  if (!coversWholeFile(bytes, text, field.byteRange)) return { ...result, reason: 'byte_range' };
  const signedAt = pdfDate(field.dictionary);
  let signature: ParsedSignature;
  try {
    const [, b, c] = field.byteRange;
    signature = parseCadesSignature(Buffer.from(text.slice(b + 1, c - 1), 'hex'));
  } catch {
    return { ...result, signedAt, reason: 'malformed' };
  }
  const trusted = options.trusted.map((pem) => new X509Certificate(pem));
  const reason = checkSignature(bytes, field, signature, trusted, signedAt);
  return { ...result, valid: !reason, signedBy: commonName(signature.signer), signedAt, ...(reason && { reason }) };
}
