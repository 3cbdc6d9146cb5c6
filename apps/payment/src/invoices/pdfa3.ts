import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFHexString, PDFName, PDFString, type PDFDocument, type PDFFont } from 'pdf-lib';

/**
 * PDF/A-3b, which Factur-X requires of the PDF that carries the invoice's XML (ISO 19005-3, level B: the printed
 * document renders the same everywhere, for ever). What it takes of a pdf-lib document:
 * - every font embedded: the PDF's 14 standard fonts are not, so the text is set in DejaVu Sans (a free font,
 *   shipped in `apps/payment/data/pdfa`), embedded as subsets through fontkit;
 * - an output intent with an ICC profile, which says what the colours mean: the ICC's sRGB profile, shipped beside
 *   the fonts;
 * - XMP metadata that identifies the file as PDF/A-3 level B, agrees with the document information dictionary, and
 *   describes in an extension schema every property outside the standard schemas (Factur-X's `fx:` ones);
 * - a file identifier in the trailer;
 * - attachments with their relationship (`/AFRelationship`) and listed in the catalogue's `/AF` (pdf-lib's
 *   `attach` does it).
 */

/** Where the fonts and the ICC profile sit relative to the repository root (and to a bundled app's working folder). */
export const PDFA_DATA_PATH = 'apps/payment/data/pdfa';

interface PdfaAssets {
  regular: Buffer;
  bold: Buffer;
  srgb: Buffer;
}

let assets: PdfaAssets | null = null;

/** The fonts and the profile, read once: from the sources (tests, ts runners) or from a bundle's working folder. */
export function pdfaAssets(): PdfaAssets {
  if (assets) return assets;
  const candidates = [path.resolve(__dirname, '../../data/pdfa'), path.resolve(process.cwd(), PDFA_DATA_PATH)];
  const folder = candidates.find((candidate) => existsSync(path.join(candidate, 'sRGB2014.icc')));
  if (!folder) throw new Error(`PDF/A fonts and ICC profile not found; looked in ${candidates.join(', ')}`);
  assets = {
    regular: readFileSync(path.join(folder, 'DejaVuSans.ttf')),
    bold: readFileSync(path.join(folder, 'DejaVuSans-Bold.ttf')),
    srgb: readFileSync(path.join(folder, 'sRGB2014.icc')),
  };
  return assets;
}

/**
 * The two faces the invoices use, embedded (as subsets of the glyphs drawn) so that the file is PDF/A. A subset's
 * name starts with a six-letter tag and `+` (ISO 32000-1, 9.6.4), which readers use to tell it from the whole font.
 */
export async function embedPdfaFonts(pdf: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont }> {
  pdf.registerFontkit(fontkit);
  const { regular, bold } = pdfaAssets();
  return {
    regular: await pdf.embedFont(regular, { subset: true, customName: 'SALLEA+DejaVuSans' }),
    bold: await pdf.embedFont(bold, { subset: true, customName: 'SALLEB+DejaVuSans-Bold' }),
  };
}

/** The document information PDF/A wants mirrored in the XMP metadata, and the Factur-X properties. */
export interface PdfaMetadata {
  title: string;
  author: string;
  createdAt: Date;
  facturX: { documentType: 'INVOICE'; fileName: string; version: string; conformanceLevel: string };
}

const PRODUCER = 'Salle sur demande (pdf-lib)';

/**
 * Makes `pdf` a PDF/A-3b document: information dictionary, XMP metadata, sRGB output intent and file identifier.
 * Call it last, once the pages and attachments are there.
 */
export function makePdfA3(pdf: PDFDocument, metadata: PdfaMetadata): void {
  pdf.setTitle(metadata.title);
  pdf.setAuthor(metadata.author);
  pdf.setCreator(PRODUCER);
  pdf.setProducer(PRODUCER);
  pdf.setCreationDate(metadata.createdAt);
  pdf.setModificationDate(metadata.createdAt);

  // As UTF-8 bytes: pdf-lib would write a string's characters as single bytes.
  const metadataStream = pdf.context.stream(Buffer.from(xmpPacket(metadata), 'utf8'), {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(metadataStream));

  const { srgb } = pdfaAssets();
  const profile = pdf.context.flateStream(srgb, { N: 3 });
  const intent = pdf.context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    RegistryName: PDFString.of('http://www.color.org'),
    Info: PDFString.of('sRGB2014 (International Color Consortium)'),
    DestOutputProfile: pdf.context.register(profile),
  });
  pdf.catalog.set(PDFName.of('OutputIntents'), pdf.context.obj([pdf.context.register(intent)]));

  // PDF/A wants a file identifier; the same document gives the same one (both halves: never modified since).
  const id = createHash('md5')
    .update(`${metadata.title}\n${metadata.author}\n${metadata.createdAt.toISOString()}`)
    .digest('hex');
  const ids = PDFArray.withContext(pdf.context);
  ids.push(PDFHexString.of(id));
  ids.push(PDFHexString.of(id));
  pdf.context.trailerInfo.ID = ids;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One property of Factur-X's extension schema, as PDF/A's `pdfaProperty` describes it. */
const fxProperty = (name: string, description: string) =>
  `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${description}</pdfaProperty:description></rdf:li>`;

/**
 * The XMP packet: PDF/A identification (part 3, level B), the standard properties mirroring the information
 * dictionary (title, author, producer, creator tool, dates: same values, as PDF/A requires), Factur-X's properties
 * and the extension schema that declares them (the text of the Factur-X specification's own example).
 */
export function xmpPacket(metadata: PdfaMetadata): string {
  // Whole seconds in UTC, as pdf-lib writes the information dictionary's dates (D:YYYYMMDDHHmmSSZ).
  const date = `${metadata.createdAt.toISOString().slice(0, 19)}Z`;
  const { facturX } = metadata;
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:format>application/pdf</dc:format><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(metadata.title)}</rdf:li></rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>${escapeXml(metadata.author)}</rdf:li></rdf:Seq></dc:creator></rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${PRODUCER}</pdf:Producer></rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreatorTool>${PRODUCER}</xmp:CreatorTool><xmp:CreateDate>${date}</xmp:CreateDate><xmp:ModifyDate>${date}</xmp:ModifyDate><xmp:MetadataDate>${date}</xmp:MetadataDate></rdf:Description>
  <rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"><fx:DocumentType>${facturX.documentType}</fx:DocumentType><fx:DocumentFileName>${escapeXml(facturX.fileName)}</fx:DocumentFileName><fx:Version>${facturX.version}</fx:Version><fx:ConformanceLevel>${escapeXml(facturX.conformanceLevel)}</fx:ConformanceLevel></rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>fx</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq>
     ${fxProperty('DocumentFileName', 'The name of the embedded XML document')}
     ${fxProperty('DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER')}
     ${fxProperty('Version', 'The actual version of the standard applying to the embedded XML document')}
     ${fxProperty('ConformanceLevel', 'The conformance level of the embedded XML document')}
    </rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
