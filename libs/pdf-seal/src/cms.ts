import { X509Certificate, createHash, createPrivateKey, sign } from 'node:crypto';
import forge from 'node-forge';
import type { SealCertificate } from './certificate';

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

type Node = forge.asn1.Asn1;

const oid = (value: string): Node => asn1.create(U, T.OID, false, asn1.oidToDer(value).getBytes());
const octets = (bytes: Buffer): Node => asn1.create(U, T.OCTETSTRING, false, bytes.toString('binary'));
const seq = (items: Node[]): Node => asn1.create(U, T.SEQUENCE, true, items);
const set = (items: Node[]): Node => asn1.create(U, T.SET, true, items);
const integer = (value: number): Node => asn1.create(U, T.INTEGER, false, asn1.integerToDer(value).getBytes());
const der = (node: Node): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const fromDer = (bytes: Buffer): Node => asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
export const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();

/** The DER of a certificate and its issuer name and serial number, as they are written in the certificate. */
function certificateParts(pem: string) {
  const raw = new X509Certificate(pem).raw;
  const tbs = (fromDer(raw).value as Node[])[0].value as Node[];
  const offset = tbs[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0; // the optional [0] version
  return { raw, serial: tbs[offset], issuer: tbs[offset + 2] };
}

const attribute = (type: string, value: Node): Node => seq([oid(type), set([value])]);

/** DER sorts a SET OF by its members' encodings; signers and verifiers hash the sorted bytes. */
function sortedSetOf(items: Node[]): Node[] {
  return items
    .map((item) => ({ item, bytes: der(item) }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map(({ item }) => item);
}

/**
 * The signed attributes PAdES-B-B requires (ETSI EN 319 142-1): content type, message digest and the ESS
 * signing-certificate-v2 binding the signature to the certificate. No signing-time attribute: PAdES puts the
 * claimed time in the signature dictionary's /M entry instead.
 */
function signedAttributes(digest: Buffer, cert: ReturnType<typeof certificateParts>): Node[] {
  const issuerSerial = seq([seq([asn1.create(asn1.Class.CONTEXT_SPECIFIC, 4, true, [cert.issuer])]), cert.serial]);
  const essCertIdV2 = seq([octets(sha256(cert.raw)), issuerSerial]); // hash algorithm: SHA-256, the default
  return sortedSetOf([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(digest)),
    attribute(OID.signingCertificateV2, seq([seq([essCertIdV2])])),
  ]);
}

/** A detached CAdES signature (CMS SignedData) over `content`, as `ETSI.CAdES.detached` expects. */
export function cadesDetachedSignature(content: Uint8Array, certificate: SealCertificate): Buffer {
  const cert = certificateParts(certificate.certificatePem);
  const attributes = signedAttributes(sha256(content), cert);
  const key = createPrivateKey(certificate.privateKeyPem);
  const isEc = key.asymmetricKeyType === 'ec';
  const signature = sign('sha256', der(set(attributes)), key);
  const signatureAlgorithm = isEc
    ? seq([oid(OID.ecdsaWithSha256)])
    : seq([oid(OID.rsaEncryption), asn1.create(U, T.NULL, false, '')]);
  const signerInfo = seq([
    integer(1),
    seq([cert.issuer, cert.serial]),
    seq([oid(OID.sha256)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attributes),
    signatureAlgorithm,
    octets(signature),
  ]);
  const certificates = [cert.raw, ...certificate.chainPem.map((pem) => new X509Certificate(pem).raw)].map(fromDer);
  const signedData = seq([
    integer(1),
    set([seq([oid(OID.sha256)])]),
    seq([oid(OID.data)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, certificates),
    set([signerInfo]),
  ]);
  return der(seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

export interface ParsedSignature {
  certificates: X509Certificate[];
  signer: X509Certificate;
  /** The signed attributes as a DER SET, the bytes the signature covers. */
  signedAttributesDer: Buffer;
  attributes: Map<string, Node>;
  signature: Buffer;
}

const bytesOf = (node: Node): Buffer => Buffer.from(node.value as string, 'binary');

/** Reads a CMS SignedData with one signer; throws on anything else. Trailing zero padding is ignored. */
export function parseCadesSignature(bytes: Buffer): ParsedSignature {
  // The signature sits in a zero-padded placeholder: parse the one DER value and ignore what follows.
  // (@types/node-forge lacks the options form of fromDer.)
  const lenientFromDer = asn1.fromDer as unknown as (input: forge.util.ByteStringBuffer, options: object) => Node;
  const content = lenientFromDer(forge.util.createBuffer(bytes.toString('binary')), { parseAllBytes: false });
  const [type, wrapped] = content.value as Node[];
  if (asn1.derToOid(type.value as string) !== OID.signedData) throw new Error('Not a CMS SignedData');
  const fields = (wrapped.value as Node[])[0].value as Node[];
  const certificateSet = fields.find((f) => f.tagClass === asn1.Class.CONTEXT_SPECIFIC && f.type === 0);
  const certificates = ((certificateSet?.value as Node[]) ?? []).map((node) => new X509Certificate(der(node)));
  const signerInfos = fields[fields.length - 1].value as Node[];
  if (signerInfos.length !== 1) throw new Error('Expected exactly one signer');
  const info = signerInfos[0].value as Node[];
  const [issuer, serial] = info[1].value as Node[];
  const issuerDer = der(issuer);
  const signer = certificates.find((cert) => {
    const parts = certificateParts(cert.toString());
    return der(parts.issuer).equals(issuerDer) && bytesOf(parts.serial).equals(bytesOf(serial));
  });
  if (!signer) throw new Error('The signer certificate is not in the signature');
  const attributesNode = info[3];
  if (attributesNode.tagClass !== asn1.Class.CONTEXT_SPECIFIC || attributesNode.type !== 0) {
    throw new Error('No signed attributes');
  }
  const attributes = new Map(
    (attributesNode.value as Node[]).map((attr) => {
      const [attrType, values] = attr.value as Node[];
      return [asn1.derToOid(attrType.value as string), (values.value as Node[])[0]] as const;
    }),
  );
  return {
    certificates,
    signer,
    signedAttributesDer: der(set(attributesNode.value as Node[])),
    attributes,
    signature: bytesOf(info[5]),
  };
}

/** The certificate hash an ESS signing-certificate-v2 attribute names (SHA-256 only, the default). */
export function signingCertificateHash(value: Node | undefined): Buffer | undefined {
  const certIds = (value?.value as Node[] | undefined)?.[0]?.value as Node[] | undefined;
  const first = certIds?.[0]?.value as Node[] | undefined;
  if (!first) return undefined;
  const hash = first.find((node) => node.type === T.OCTETSTRING && node.tagClass === U);
  const algorithm =
    first[0].type === T.SEQUENCE ? asn1.derToOid((first[0].value as Node[])[0].value as string) : OID.sha256;
  return hash && algorithm === OID.sha256 ? bytesOf(hash) : undefined;
}

export { bytesOf, der };
