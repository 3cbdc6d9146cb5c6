import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFStream,
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
  /** The text drawn on the pages, decoded through each font's /ToUnicode map. */
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
    text: drawnText(pdf),
    pageCount: pdf.getPageCount(),
  };
}

function rawStream(value: unknown): PDFRawStream {
  if (!(value instanceof PDFRawStream)) throw new Error('expected a stream');
  return value;
}

/**
 * The text drawn on the pages, read as a PDF reader does: the invoice's fonts are embedded subsets (PDF/A) whose
 * codes are glyph ids, which each font's /ToUnicode map turns back into characters (no-break spaces included,
 * which poppler's pdftotext would print as plain spaces). One line per `Tj`.
 */
export function drawnText(pdf: PDFDocument): string {
  const lines: string[] = [];
  for (const page of pdf.getPages()) {
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    const maps = new Map<string, Map<string, string>>();
    for (const [name, ref] of fonts?.entries() ?? []) {
      const font = pdf.context.lookup(ref, PDFDict);
      const toUnicode = font.lookupMaybe(PDFName.of('ToUnicode'), PDFStream);
      maps.set(name.decodeText(), toUnicode ? unicodeMap(streamText(rawStream(toUnicode))) : new Map());
    }
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray ? contents.asArray().map((ref) => pdf.context.lookup(ref)) : [contents];
    for (const stream of streams) {
      let map = new Map<string, string>();
      for (const token of streamText(rawStream(stream)).matchAll(/\/([^\s/]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj/g)) {
        if (token[1]) map = maps.get(token[1]) ?? new Map();
        else
          lines.push(
            ((token[2] ?? '').match(/.{4}/g) ?? []).map((code) => map.get(code.toUpperCase()) ?? '?').join(''),
          );
      }
    }
  }
  return lines.join('\n');
}

const streamText = (stream: PDFRawStream) => Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');

/** A /ToUnicode CMap's `bfchar` and `bfrange` entries as written by pdf-lib: glyph code → characters. */
function unicodeMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const chars = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, text] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>/g))
      map.set((code ?? '').toUpperCase(), chars(text ?? ''));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, from, to, start] of (block[1] ?? '').matchAll(
      /<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>/g,
    ))
      for (let code = parseInt(from ?? '', 16), offset = 0; code <= parseInt(to ?? '', 16); code++, offset++)
        map.set(
          code.toString(16).toUpperCase().padStart(4, '0'),
          String.fromCharCode(parseInt(start ?? '', 16) + offset),
        );
  return map;
}
