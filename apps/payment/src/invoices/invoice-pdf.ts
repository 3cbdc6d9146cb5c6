import { AFRelationship, PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { frenchDate, frenchEuros, frenchSlot } from '@salle/contracts';
import { facturXml, type FacturXDocument } from './factur-x';
import { embedPdfaFonts, makePdfA3 } from './pdfa3';

/**
 * What the PDF prints beyond the Factur-X data: who issues it, the space, and either the booking's slot or, for a
 * series period invoiced as one, the period (each session is then a line, with its date and amount).
 */
export interface InvoicePdfData extends FacturXDocument {
  issuer: string;
  spaceName: string;
  startsAt: Date;
  endsAt: Date;
  bookingId: string | null;
  period?: { seriesId: string; label: string } | null;
}

/** The attachment's name, fixed by the Factur-X specification. */
export const FACTUR_X_FILENAME = 'factur-x.xml';
const MARGIN = 56;
const WIDTH = 595.28; // A4
const HEIGHT = 841.89;

class Writer {
  private y = HEIGHT - MARGIN;
  constructor(
    private readonly page: PDFPage,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {}

  text(value: string, options: { size?: number; bold?: boolean; gap?: number } = {}) {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.regular;
    for (const line of this.wrap(value, font, size)) {
      this.page.drawText(line, { x: MARGIN, y: this.y - size, size, font });
      this.y -= size * 1.4;
    }
    this.y -= options.gap ?? 0;
  }

  field(label: string, value: string) {
    this.text(`${label}\u00a0: ${value}`);
  }

  private wrap(text: string, font: PDFFont, size: number): string[] {
    const lines: string[] = [];
    let current = '';
    for (const word of text.split(' ')) {
      const next = current ? `${current} ${word}` : word;
      if (current && font.widthOfTextAtSize(next, size) > WIDTH - 2 * MARGIN) {
        lines.push(current);
        current = word;
      } else current = next;
    }
    return [...lines, current];
  }
}

/**
 * The invoice (or credit note) in French as a Factur-X PDF: the printed document, and its CII XML attached as
 * factur-x.xml with AFRelationship Alternative, which Factur-X prescribes for the EN 16931 profile (the XML is an
 * equivalent of the whole invoice, not extra data), listed in the catalogue's /AF, with the Factur-X XMP
 * metadata that names the profile. The file is PDF/A-3b, as Factur-X requires (`pdfa3.ts`).
 */
export async function renderInvoicePdf(data: InvoicePdfData): Promise<Buffer> {
  const creditNote = data.kind === 'credit_note';
  const title = creditNote ? 'Avoir' : 'Facture';
  const pdf = await PDFDocument.create();
  pdf.setLanguage('fr-FR');
  const page = pdf.addPage([WIDTH, HEIGHT]);
  const fonts = await embedPdfaFonts(pdf);
  const out = new Writer(page, fonts.regular, fonts.bold);

  out.text(`${title} n° ${data.number}`, { size: 20, bold: true, gap: 4 });
  out.field('Date d’émission', frenchDate(data.issuedAt, { weekday: false }));
  if (data.precedingInvoice) out.field('Annule la facture', data.precedingInvoice.number);
  out.text(`Émise par ${data.issuer} pour le compte de ${data.seller.name}`, { gap: 10 });

  out.text('Vendeur', { size: 13, bold: true });
  out.text(data.seller.name);
  if (data.seller.siret) out.field('SIRET', data.seller.siret);
  else if (data.seller.uai) out.field('UAI', data.seller.uai);
  out.text('', { gap: 4 });
  out.text('Acheteur', { size: 13, bold: true });
  out.text(data.buyer.name);
  out.field('SIRET', data.buyer.siret);
  out.field('Code service (Chorus Pro)', data.buyer.serviceCode ?? 'aucun');
  out.field('Numéro d’engagement', data.buyer.engagementNumber);
  out.text('', { gap: 4 });

  out.text('Prestation', { size: 13, bold: true });
  if (data.period) {
    out.text(`Séances de la période «\u00a0${data.period.label}\u00a0»`);
    out.field('Espace', data.spaceName);
    out.field('Référence de la série', data.period.seriesId);
    for (const line of data.lines) out.field(line.description, frenchEuros(line.amountCents));
  } else {
    for (const line of data.lines) out.text(line.description);
    out.field('Espace', data.spaceName);
    out.field('Créneau', frenchSlot(data.startsAt, data.endsAt));
    if (data.bookingId) out.field('Référence de la réservation', data.bookingId);
  }
  out.text('', { gap: 4 });

  const totalCents = data.lines.reduce((sum, line) => sum + line.amountCents, 0);
  out.text('Montants', { size: 13, bold: true });
  out.field('Total hors taxes', frenchEuros(totalCents));
  out.field('TVA', frenchEuros(0));
  out.field(creditNote ? 'Total de l’avoir' : 'Total à payer', frenchEuros(totalCents));
  out.text(data.vatStatement);
  if (data.dueAt) {
    out.field('À payer au plus tard le', frenchDate(data.dueAt, { weekday: false }));
    out.text('Paiement par mandat administratif, en rappelant le numéro de la facture.');
  }

  const xml = facturXml(data);
  await pdf.attach(Buffer.from(xml, 'utf8'), FACTUR_X_FILENAME, {
    mimeType: 'text/xml',
    description: 'Factur-X (EN 16931)',
    creationDate: data.issuedAt,
    modificationDate: data.issuedAt,
    afRelationship: AFRelationship.Alternative,
  });
  makePdfA3(pdf, {
    title: `${title} n° ${data.number}`,
    author: data.issuer,
    createdAt: data.issuedAt,
    facturX: { documentType: 'INVOICE', fileName: FACTUR_X_FILENAME, version: '1.0', conformanceLevel: 'EN 16931' },
  });
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
