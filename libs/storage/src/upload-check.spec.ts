import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { checkFileName, checkUpload, sniffContentType } from './upload-check';

const rules = {
  maxBytes: 5 * 1024 * 1024,
  allowedTypes: { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' },
};
const NBSP = '\u00a0';
const pdf = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

async function png(): Promise<Uint8Array> {
  return sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
}

describe('checkUpload', () => {
  it('accepts a PDF and a PNG, recognised from their bytes whatever their name', async () => {
    await expect(checkUpload(pdf, 'attestation.pdf', rules)).resolves.toEqual({
      ok: true,
      contentType: 'application/pdf',
      fileName: 'attestation.pdf',
    });
    await expect(checkUpload(await png(), 'scan.pdf', rules)).resolves.toMatchObject({
      ok: true,
      contentType: 'image/png',
    });
  });

  it('refuses an executable renamed .pdf, in French', async () => {
    const executable = new Uint8Array(readFileSync(process.execPath).subarray(0, 64 * 1024));
    expect(await sniffContentType(executable)).toBe('application/x-elf');
    const answer = await checkUpload(executable, 'attestation.pdf', rules);
    expect(answer).toEqual({
      ok: false,
      code: 'file_type_refused',
      message: expect.stringContaining(`n’est pas au format PDF, JPEG ou PNG${NBSP}:`),
    });
  });

  it('refuses plain text and unknown bytes', async () => {
    const text = new TextEncoder().encode('Assureur : MAIF, contrat 123');
    await expect(checkUpload(text, 'attestation.pdf', rules)).resolves.toMatchObject({ code: 'file_type_refused' });
  });

  it('refuses an oversized file before looking at its type', async () => {
    const big = new Uint8Array(rules.maxBytes + 1);
    big.set(pdf);
    const answer = await checkUpload(big, 'attestation.pdf', rules);
    expect(answer).toMatchObject({ ok: false, code: 'file_too_large' });
    expect(answer.ok || answer.message).toContain(`limite est de 5${NBSP}Mo`);
  });

  it('refuses an empty file', async () => {
    await expect(checkUpload(new Uint8Array(), 'a.pdf', rules)).resolves.toMatchObject({ code: 'file_empty' });
  });
});

describe('checkFileName', () => {
  it.each(['../../etc/passwd', '..\\boot.ini', 'dossier/attestation.pdf', '..', '', 'a\u0000.pdf', 'x'.repeat(201)])(
    'refuses %j',
    (name) => {
      expect(checkFileName(name)).toMatchObject({ ok: false, code: 'file_name_invalid' });
    },
  );

  it('accepts accented names with spaces', () => {
    expect(checkFileName('Attestation MAIF 2026–2027 (été).pdf')).toBeUndefined();
  });
});
