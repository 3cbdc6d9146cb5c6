import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFStream,
  PDFString,
} from 'pdf-lib';
import { FACTUR_X_FILENAME, renderInvoicePdf, type InvoicePdfData } from './invoice-pdf';
import { pdfaAssets } from './pdfa3';

// PDF/A-3b as far as it can be checked without veraPDF (the reference validator, a Java program not available
// here): the XMP's identification and extension schema, the output intent and its profile, every font embedded
// (poppler's pdffonts, a reader written by others), the attachment's relationship, the information dictionary
// mirrored in the XMP, the file identifier. What only veraPDF proves is listed in docs/invoices.md.

const INVOICE: InvoicePdfData = {
  kind: 'invoice',
  number: 'FA-2026-000042',
  issuedAt: new Date('2026-11-03T09:30:00.000Z'),
  dueAt: new Date('2026-12-03T09:30:00.000Z'),
  precedingInvoice: null,
  seller: { name: 'Collège Jacques Brel', siret: '19380009800017' },
  buyer: {
    name: 'Mairie d’Allevard',
    siret: '21380006700011',
    serviceCode: 'SPORTS',
    engagementNumber: 'EJ-2026-0042',
  },
  lines: [
    {
      description: 'Mise à disposition de l’espace «\u00a0Gymnase\u00a0» (Collège Jacques Brel)',
      amountCents: 123_456,
      deliveredAt: new Date('2026-11-20T17:00:00.000Z'),
    },
  ],
  vatStatement: 'TVA non applicable, article 256 B du code général des impôts.',
  issuer: 'Département de l’Isère',
  spaceName: 'Gymnase',
  startsAt: new Date('2026-11-20T17:00:00.000Z'),
  endsAt: new Date('2026-11-20T19:00:00.000Z'),
  bookingId: '7d8c0b5e-9f6c-4f0e-9a51-3d8f2b1c4e77',
};

const hasPoppler = spawnSync('pdffonts', ['-v']).error === undefined;
if (!hasPoppler) console.log('pdffonts and pdftotext checks skipped: poppler-utils is not installed on this machine');

/** Runs a poppler tool on the PDF (written to a temporary file) and returns what it prints. */
function poppler(tool: 'pdffonts' | 'pdftotext', bytes: Buffer, ...args: string[]): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'invoice-pdfa-'));
  try {
    const file = path.join(folder, 'invoice.pdf');
    writeFileSync(file, bytes);
    const run = spawnSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${tool} failed: ${run.stderr}`);
    return run.stdout;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const streamBytes = (value: unknown): Buffer => {
  if (!(value instanceof PDFRawStream)) throw new Error('expected a stream');
  return Buffer.from(decodePDFRawStream(value).decode());
};
const text = (value: unknown) =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : String(value);

describe('an invoice PDF is PDF/A-3b (as far as can be checked without veraPDF)', () => {
  let bytes: Buffer;
  let pdf: PDFDocument;
  let xmp: string;
  beforeAll(async () => {
    bytes = await renderInvoicePdf(INVOICE);
    pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    xmp = streamBytes(pdf.catalog.lookup(PDFName.of('Metadata'))).toString('utf8');
  });

  it('declares PDF/A-3 level B in its XMP, with the extension schema of Factur-X’s properties', () => {
    expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
    expect(xmp).toContain(`<fx:DocumentFileName>${FACTUR_X_FILENAME}</fx:DocumentFileName>`);
    expect(xmp).toContain('<fx:DocumentType>INVOICE</fx:DocumentType>');
    expect(xmp).toContain('<fx:Version>1.0</fx:Version>');
    // Each fx: property used is declared in the extension schema, under Factur-X's namespace and prefix.
    expect(xmp).toContain(
      '<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>',
    );
    expect(xmp).toContain('<pdfaSchema:prefix>fx</pdfaSchema:prefix>');
    const used = [...xmp.matchAll(/<fx:(\w+)>/g)].map((match) => match[1]).sort();
    const declared = [...xmp.matchAll(/<pdfaProperty:name>(\w+)<\/pdfaProperty:name>/g)].map((match) => match[1]);
    expect(declared.sort()).toEqual(used);
    // The metadata stream is not compressed, so that any tool finds the packet.
    expect(pdf.catalog.lookup(PDFName.of('Metadata'), PDFStream).dict.has(PDFName.of('Filter'))).toBe(false);
  });

  it('mirrors its document information in the XMP (title, author, producer, dates), as PDF/A requires', () => {
    const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
    const entry = (key: string) => text(info.get(PDFName.of(key)));
    expect(entry('Title')).toBe('Facture n° FA-2026-000042');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Facture n° FA-2026-000042</rdf:li>');
    expect(entry('Author')).toBe('Département de l’Isère');
    expect(xmp).toContain('<dc:creator><rdf:Seq><rdf:li>Département de l’Isère</rdf:li></rdf:Seq></dc:creator>');
    expect(xmp).toContain(`<pdf:Producer>${entry('Producer')}</pdf:Producer>`);
    expect(xmp).toContain(`<xmp:CreatorTool>${entry('Creator')}</xmp:CreatorTool>`);
    expect(entry('CreationDate')).toBe('D:20261103093000Z');
    expect(entry('ModDate')).toBe('D:20261103093000Z');
    expect(xmp).toContain('<xmp:CreateDate>2026-11-03T09:30:00Z</xmp:CreateDate>');
    expect(xmp).toContain('<xmp:ModifyDate>2026-11-03T09:30:00Z</xmp:ModifyDate>');
  });

  it('has an sRGB output intent carrying the ICC profile shipped with the service, and a file identifier', () => {
    const intents = pdf.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    expect(intents.size()).toBe(1);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('Type'))).toBe(PDFName.of('OutputIntent'));
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    expect(text(intent.get(PDFName.of('OutputConditionIdentifier')))).toBe('sRGB IEC61966-2.1');
    const profile = intent.lookup(PDFName.of('DestOutputProfile'), PDFStream);
    expect(profile.dict.lookup(PDFName.of('N'), PDFNumber).asNumber()).toBe(3);
    const icc = streamBytes(profile);
    expect(icc.equals(pdfaAssets().srgb)).toBe(true);
    // An ICC profile of an RGB display device: 'mntr' class, 'RGB ' colour space, 'acsp' signature.
    expect(icc.subarray(12, 20).toString('latin1')).toBe('mntrRGB ');
    expect(icc.subarray(36, 40).toString('latin1')).toBe('acsp');

    const id = pdf.context.trailerInfo.ID;
    expect(id).toBeInstanceOf(PDFArray);
    expect((id as PDFArray).size()).toBe(2);
  });

  it('attaches the Factur-X XML as an associated file whose relationship is Alternative', () => {
    const associated = pdf.catalog.lookup(PDFName.of('AF'), PDFArray);
    expect(associated.size()).toBe(1);
    const spec = associated.lookup(0, PDFDict);
    expect(spec.get(PDFName.of('AFRelationship'))).toBe(PDFName.of('Alternative'));
    expect(text(spec.get(PDFName.of('F')))).toBe(FACTUR_X_FILENAME);
    expect(text(spec.get(PDFName.of('UF')))).toBe(FACTUR_X_FILENAME);
    const file = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'), PDFStream);
    // PDF/A-3 wants the embedded file's MIME type and its modification date.
    expect(file.dict.get(PDFName.of('Subtype'))).toBe(PDFName.of('text/xml'));
    expect(file.dict.lookup(PDFName.of('Params'), PDFDict).has(PDFName.of('ModDate'))).toBe(true);
    expect(streamBytes(file).toString('utf8')).toContain('<rsm:CrossIndustryInvoice');
  });

  (hasPoppler ? it : it.skip)('embeds every font it uses (poppler’s pdffonts), and its text reads back', () => {
    const rows = poppler('pdffonts', bytes)
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '');
    expect(rows.length).toBe(2);
    // Columns: name, type, encoding, emb, sub, uni, object, generation.
    for (const row of rows) {
      const [name, ...rest] = row.trim().split(/\s+/);
      const [emb, sub, uni] = rest.slice(-5, -2);
      expect({ name, emb, sub, uni }).toEqual({ name, emb: 'yes', sub: 'yes', uni: 'yes' });
      expect(name).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold)?$/);
    }
    // pdftotext prints no-break spaces as spaces; the integration spec reads them through the /ToUnicode maps.
    const read = poppler('pdftotext', bytes, '-enc', 'UTF-8');
    expect(read).toContain('Facture n° FA-2026-000042');
    expect(read).toContain('Numéro d’engagement : EJ-2026-0042');
    expect(read).toContain('« Gymnase »');
    expect(read).toContain('Total à payer : 1 234,56 €');
  });

  it('is the same file for the same invoice (a reader can compare two downloads)', async () => {
    expect((await renderInvoicePdf(INVOICE)).equals(bytes)).toBe(true);
  });
});
