import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { generateDevelopmentCertificate, sealPdf, verifySealedPdf } from '../src';
import { EVIDENCE } from './evidence-fixture';

/**
 * poppler's `pdfsig`, a reader written by others, must accept our seal and see each tampering: it checks
 * the CMS (through NSS) independently of our own verifySealedPdf.
 */
const hasPdfsig = spawnSync('pdfsig', ['-v']).error === undefined;
if (!hasPdfsig) console.log('pdfsig tests skipped: poppler-utils (pdfsig) is not installed on this machine');
const describeWithPdfsig = hasPdfsig ? describe : describe.skip;

describeWithPdfsig('a sealed convention, read by poppler pdfsig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-seal-'));
  const certificate = generateDevelopmentCertificate();
  const trusted = [certificate.certificatePem];
  let sealed: Buffer;

  const pdfsig = (bytes: Uint8Array, name: string): string => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    // pdfsig exits non-zero when a signature is invalid; its report is what we assert on.
    const run = spawnSync('pdfsig', ['-nocert', path], { encoding: 'utf8' });
    return `${run.stdout}${run.stderr}`;
  };

  beforeAll(async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage();
    page.drawText('Convention d’occupation', { x: 50, y: 700, font: await pdf.embedFont(StandardFonts.Helvetica) });
    sealed = Buffer.from(await sealPdf({ pdf: await pdf.save(), evidence: EVIDENCE, certificate }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the seal as a valid ETSI.CAdES.detached signature over the total document', async () => {
    const report = pdfsig(sealed, 'sealed.pdf');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Sceau de la plateforme (développement)');
    expect((await verifySealedPdf(sealed, { trusted })).valid).toBe(true);
  });

  it('reports a changed byte as a digest mismatch', async () => {
    const tampered = Buffer.from(sealed);
    tampered[400] ^= 0x01;
    expect(pdfsig(tampered, 'tampered.pdf')).toContain('Digest Mismatch');
    expect(await verifySealedPdf(tampered, { trusted })).toMatchObject({ valid: false, reason: 'digest_mismatch' });
  });

  it('reports an appended incremental update as not covering the total document', async () => {
    const pdf = await PDFDocument.load(sealed);
    pdf.setTitle('Modifiée après coup');
    const update = Buffer.from(await pdf.save({ useObjectStreams: false }));
    // pdf-lib rewrites the whole file; an incremental update keeps the sealed bytes and appends the change.
    const appended = Buffer.concat([sealed, update.subarray(update.lastIndexOf('trailer') - 200)]);
    const report = pdfsig(appended, 'appended.pdf');
    expect(report).not.toContain('- Total document signed');
    expect(await verifySealedPdf(appended, { trusted })).toMatchObject({ valid: false, reason: 'byte_range' });
  });

  it('finds no valid signature once the signature is blanked', async () => {
    const text = sealed.toString('latin1');
    const blanked = Buffer.from(
      text.replace(/\/Contents\s*<([0-9a-fA-F]+)>/, (_, hex: string) => `/Contents <${'0'.repeat(hex.length)}>`),
      'latin1',
    );
    expect(pdfsig(blanked, 'blanked.pdf')).not.toContain('Signature is Valid');
    expect(await verifySealedPdf(blanked, { trusted })).toMatchObject({ valid: false });
  });

  it('lists the evidence file as an attachment a PDF reader can open', () => {
    const path = join(dir, 'attached.pdf');
    writeFileSync(path, sealed);
    const list = spawnSync('pdfdetach', ['-list', path], { encoding: 'utf8' });
    if (list.error) return console.log('pdfdetach absent, attachment listing not checked');
    expect(list.stdout).toContain('preuve-convention.json');
    const saved = join(dir, 'evidence.json');
    execFileSync('pdfdetach', ['-save', '1', '-o', saved, path]);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(EVIDENCE);
  });
});
