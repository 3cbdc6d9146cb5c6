import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFString,
  PDFHexString,
  decodePDFRawStream,
} from 'pdf-lib';
import { EVIDENCE_ATTACHMENT_NAME, conventionEvidenceSchema, type ConventionEvidence } from './evidence';

/** The evidence JSON attached to a sealed PDF, or null when the file has none or it does not parse. */
export async function readEvidence(bytes: Uint8Array): Promise<ConventionEvidence | null> {
  try {
    const document = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
    const names = document.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
    const files = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
    const list = files?.lookupMaybe(PDFName.of('Names'), PDFArray);
    if (!list) return null;
    for (let i = 0; i + 1 < list.size(); i += 2) {
      const name = list.lookup(i);
      const text = name instanceof PDFString || name instanceof PDFHexString ? name.decodeText() : '';
      if (text !== EVIDENCE_ATTACHMENT_NAME) continue;
      const stream = list
        .lookup(i + 1, PDFDict)
        .lookup(PDFName.of('EF'), PDFDict)
        .lookup(PDFName.of('F'));
      if (!(stream instanceof PDFRawStream)) return null;
      const json = Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8');
      const parsed = conventionEvidenceSchema.safeParse(JSON.parse(json));
      return parsed.success ? parsed.data : null;
    }
    return null;
  } catch {
    return null;
  }
}
