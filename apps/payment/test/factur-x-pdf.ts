import { inflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFString,
  PDFHexString,
} from 'pdf-lib';

export interface FacturXReadBack {
  /** The attachments by name, with their AFRelationship. */
  attachments: { name: string; relationship: string | undefined; xml: string }[];
  /** How many files the catalogue's /AF lists. */
  associatedFiles: number;
  /** The XMP metadata packet. */
  metadata: string;
  /** The text drawn on the pages (pdf-lib's standard fonts: `<hex> Tj`). */
  text: string;
  pageCount: number;
}

const nameOf = (value: unknown) =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : String(value);

/** Opens a PDF with pdf-lib, as a reader would, and takes out what a Factur-X reader looks for. */
export async function readFacturXPdf(bytes: Buffer): Promise<FacturXReadBack> {
  const pdf = await PDFDocument.load(bytes);
  const names = pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const embedded = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const pairs = embedded?.lookupMaybe(PDFName.of('Names'), PDFArray);
  const attachments: FacturXReadBack['attachments'] = [];
  for (let i = 0; pairs && i < pairs.size(); i += 2) {
    const spec = pairs.lookup(i + 1, PDFDict);
    const file = rawStream(spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F')));
    attachments.push({
      name: nameOf(pairs.lookup(i)),
      relationship: spec.lookupMaybe(PDFName.of('AFRelationship'), PDFName)?.decodeText(),
      xml: Buffer.from(decodePDFRawStream(file).decode()).toString('utf8'),
    });
  }
  const af = pdf.catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  const metadataStream = pdf.catalog.has(PDFName.of('Metadata'))
    ? rawStream(pdf.catalog.lookup(PDFName.of('Metadata')))
    : undefined;
  const metadata = metadataStream ? Buffer.from(decodePDFRawStream(metadataStream).decode()).toString('utf8') : '';
  return {
    attachments,
    associatedFiles: af?.size() ?? 0,
    metadata,
    text: drawnText(bytes),
    pageCount: pdf.getPageCount(),
  };
}

function rawStream(value: unknown): PDFRawStream {
  if (!(value instanceof PDFRawStream)) throw new Error('expected a stream');
  return value;
}

const WIN_ANSI: Record<number, string> = { 0x80: '€', 0x92: '’', 0x96: '–', 0x97: '—', 0x85: '…' };

function drawnText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of source.matchAll(/stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = source.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      content = source.slice(start, end);
    }
    for (const shown of content.matchAll(/<([0-9a-fA-F]*)>\s*Tj/g)) {
      const bytes = (shown[1] ?? '').match(/../g) ?? [];
      lines.push(bytes.map((b) => WIN_ANSI[parseInt(b, 16)] ?? String.fromCharCode(parseInt(b, 16))).join(''));
    }
  }
  return lines.join('\n');
}
