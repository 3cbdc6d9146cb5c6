import { EncryptedPDFError, PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { INSURANCE_CERTIFICATE_MAX_BYTES, INSURANCE_CERTIFICATE_TYPES } from '@salle/contracts';
import { checkUpload, type UploadRefusalCode } from '@salle/storage';

const EXTENSIONS: Record<keyof typeof INSURANCE_CERTIFICATE_TYPES, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** The file name extension of a checked file's type (`pdf` for anything else): download names are the service's. */
export function extensionOf(contentType: string): string {
  return EXTENSIONS[contentType as keyof typeof EXTENSIONS] ?? 'pdf';
}

/** Images larger than this are refused before being decoded: a small PNG can unpack into gigabytes of pixels. */
export const MAX_IMAGE_MEGAPIXELS = 40;

export type CertificateRefusal =
  | { code: UploadRefusalCode; message: string }
  | { code: 'file_unreadable'; kind: string }
  | { code: 'pdf_encrypted' }
  | { code: 'image_too_large'; maxMegapixels: number };

export type CheckedCertificate =
  | { ok: true; bytes: Uint8Array; contentType: keyof typeof INSURANCE_CERTIFICATE_TYPES; fileName: string }
  | { ok: false; refusal: CertificateRefusal };

/**
 * Opens an uploaded certificate before anything is stored: the type comes from the bytes; an image is decoded
 * within a pixel budget and re-encoded (what is kept is pixels we wrote, without the original's metadata or
 * anything hidden after its end); a PDF must load and have a page.
 */
export async function checkCertificateFile(bytes: Uint8Array, fileName: string): Promise<CheckedCertificate> {
  const upload = await checkUpload(bytes, fileName, {
    maxBytes: INSURANCE_CERTIFICATE_MAX_BYTES,
    allowedTypes: INSURANCE_CERTIFICATE_TYPES,
  });
  if (!upload.ok) return { ok: false, refusal: { code: upload.code, message: upload.message } };
  const contentType = upload.contentType as keyof typeof INSURANCE_CERTIFICATE_TYPES;
  if (contentType === 'application/pdf') {
    const refusal = await pdfRefusal(bytes);
    return refusal ? { ok: false, refusal } : { ok: true, bytes, contentType, fileName: upload.fileName };
  }
  const image = await reencodeImage(bytes, contentType);
  return 'refusal' in image
    ? { ok: false, refusal: image.refusal }
    : { ok: true, bytes: image.bytes, contentType, fileName: upload.fileName };
}

async function pdfRefusal(bytes: Uint8Array): Promise<CertificateRefusal | undefined> {
  try {
    const document = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
    return document.getPageCount() > 0 ? undefined : { code: 'file_unreadable', kind: 'PDF' };
  } catch (error) {
    if (error instanceof EncryptedPDFError) return { code: 'pdf_encrypted' };
    return { code: 'file_unreadable', kind: 'PDF' };
  }
}

async function reencodeImage(
  bytes: Uint8Array,
  contentType: 'image/jpeg' | 'image/png',
): Promise<{ bytes: Uint8Array } | { refusal: CertificateRefusal }> {
  const kind = INSURANCE_CERTIFICATE_TYPES[contentType];
  const limitInputPixels = MAX_IMAGE_MEGAPIXELS * 1_000_000;
  try {
    const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
    if ((metadata.width ?? 0) * (metadata.height ?? 0) > limitInputPixels) {
      return { refusal: { code: 'image_too_large', maxMegapixels: MAX_IMAGE_MEGAPIXELS } };
    }
    // `rotate()` applies the EXIF orientation before the metadata is dropped, so a phone photo stays upright.
    const pipeline = sharp(bytes, { limitInputPixels, failOn: 'error' }).rotate();
    const output = contentType === 'image/png' ? pipeline.png() : pipeline.jpeg({ quality: 85, mozjpeg: true });
    return { bytes: new Uint8Array(await output.toBuffer()) };
  } catch {
    return { refusal: { code: 'file_unreadable', kind } };
  }
}
