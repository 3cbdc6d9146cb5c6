import { PDFDocument, StandardFonts } from 'pdf-lib';
import { generateDevelopmentCertificate } from './certificate';
import { EVIDENCE } from '../test/evidence-fixture';
import { sealPdf } from './seal';
import { verifySealedPdf } from './verify';

async function convention(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage();
  page.drawText('Convention d’occupation des locaux', {
    x: 50,
    y: 700,
    font: await pdf.embedFont(StandardFonts.Helvetica),
  });
  return pdf.save();
}

const certificate = generateDevelopmentCertificate(new Date('2026-10-01T00:00:00Z'));
const trusted = [certificate.certificatePem];

describe('sealPdf and verifySealedPdf', () => {
  let sealed: Uint8Array;
  beforeAll(async () => {
    sealed = await sealPdf({
      pdf: await convention(),
      evidence: EVIDENCE,
      certificate,
      now: new Date('2026-11-04T08:31:00Z'),
    });
  });

  it('seals a PDF that verifies, with the signer, the time and the evidence read back from the file', async () => {
    const result = await verifySealedPdf(sealed, { trusted });
    expect(result).toMatchObject({
      valid: true,
      signedBy: 'Sceau de la plateforme (développement)',
      signedAt: '2026-11-04T08:31:00.000Z',
      evidence: EVIDENCE,
    });
    expect(result.reason).toBeUndefined();
    expect(result.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await PDFDocument.load(sealed)).getPageCount()).toBe(2); // the convention, then the evidence page
  });

  it('refuses a seal made with another certificate than the configured one', async () => {
    const other = [generateDevelopmentCertificate().certificatePem];
    expect(await verifySealedPdf(sealed, { trusted: other })).toMatchObject({
      valid: false,
      reason: 'untrusted_certificate',
    });
  });

  it('refuses a PDF with one byte changed in the signed content', async () => {
    const tampered = Uint8Array.from(sealed);
    tampered[400] ^= 0x01; // inside the first signed range, in the convention's own objects
    expect(await verifySealedPdf(tampered, { trusted })).toMatchObject({ valid: false, reason: 'digest_mismatch' });
  });

  it('refuses a PDF with an incremental update appended after the seal', async () => {
    const appended = Buffer.concat([
      Buffer.from(sealed),
      Buffer.from('\n1 0 obj\n<< /Title (Autre) >>\nendobj\n%%EOF\n'),
    ]);
    expect(await verifySealedPdf(appended, { trusted })).toMatchObject({ valid: false, reason: 'byte_range' });
  });

  it('refuses a PDF whose signature was blanked or whose signature field was removed', async () => {
    const text = Buffer.from(sealed).toString('latin1');
    const blanked = text.replace(
      /\/Contents\s*<([0-9a-fA-F]+)>/,
      (_, hex: string) => `/Contents <${'0'.repeat(hex.length)}>`,
    );
    expect(await verifySealedPdf(Buffer.from(blanked, 'latin1'), { trusted })).toMatchObject({
      valid: false,
      reason: 'malformed',
    });
    const unsigned = text.replace('/ByteRange', '/ByteRangX');
    expect(await verifySealedPdf(Buffer.from(unsigned, 'latin1'), { trusted })).toMatchObject({
      valid: false,
      reason: 'not_sealed',
    });
  });

  it('answers not_sealed for a PDF that was never sealed, and no evidence', async () => {
    expect(await verifySealedPdf(await convention(), { trusted })).toMatchObject({
      valid: false,
      reason: 'not_sealed',
      evidence: null,
    });
  });
});
