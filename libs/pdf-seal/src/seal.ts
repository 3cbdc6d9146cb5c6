import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import signpdf from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED, Signer } from '@signpdf/utils';
import { AFRelationship, PDFDocument } from 'pdf-lib';
import type { SealCertificate } from './certificate';
import { cadesDetachedSignature } from './cms';
import { EVIDENCE_ATTACHMENT_NAME, conventionEvidenceSchema, type ConventionEvidence } from './evidence';
import { appendEvidencePage } from './evidence-page';

/** Room for the CMS signature: the certificate, a chain of two CA certificates and a 4096-bit signature fit. */
const SIGNATURE_LENGTH = 16_384;

/** @signpdf asks a `Signer` for the CMS; ours builds the PAdES-B-B one (see cms.ts). */
class CadesSigner extends Signer {
  constructor(private readonly certificate: SealCertificate) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return cadesDetachedSignature(pdfBuffer, this.certificate);
  }
}

export interface SealInput {
  pdf: Uint8Array;
  evidence: ConventionEvidence;
  certificate: SealCertificate;
  /** The claimed signing time written in the signature (/M); the server's clock by default. */
  now?: Date;
}

/**
 * Seals a signed convention: appends the French evidence page, embeds the evidence JSON as an attachment,
 * then signs the whole file (PAdES-B-B, `ETSI.CAdES.detached`) with the platform's certificate.
 */
export async function sealPdf({ pdf, evidence, certificate, now = new Date() }: SealInput): Promise<Uint8Array> {
  const checked = conventionEvidenceSchema.parse(evidence);
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  await appendEvidencePage(document, checked);
  await document.attach(Buffer.from(JSON.stringify(checked, null, 2), 'utf8'), EVIDENCE_ATTACHMENT_NAME, {
    mimeType: 'application/json',
    description: 'Fichier de preuve des signatures',
    creationDate: now,
    modificationDate: now,
    afRelationship: AFRelationship.Data,
  });
  const pages = document.getPages();
  pdflibAddPlaceholder({
    pdfPage: pages[pages.length - 1],
    reason: 'Scellement de la convention signée',
    contactInfo: '',
    name: 'Salle sur demande',
    location: 'France',
    signingTime: now,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Salle sur demande',
  });
  const prepared = await document.save({ useObjectStreams: false });
  return new Uint8Array(await signpdf.sign(Buffer.from(prepared), new CadesSigner(certificate), now));
}
