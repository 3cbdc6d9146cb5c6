import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A one-page PDF such as an organisation uploads (its insurance certificate). */
export async function certificatePdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const page = document.addPage();
  page.drawText('Attestation d’assurance responsabilité civile', {
    x: 50,
    y: 750,
    size: 14,
    font: await document.embedFont(StandardFonts.Helvetica),
  });
  return document.save();
}
