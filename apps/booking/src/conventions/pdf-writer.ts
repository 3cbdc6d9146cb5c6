import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

// A small flowing-text writer over pdf-lib: paragraphs wrapped to the page width, headings, new pages as
// needed, a footer on every page. The standard Helvetica fonts encode WinAnsi only: characters outside it are
// replaced (a narrow no-break space becomes a no-break space), so data typed by people never breaks a render.

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const SIZE = 10;
const LEADING = 14;

const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

export function winAnsi(text: string): string {
  return [...text.replace(/[\u202f\u2009\u2007]/g, '\u00a0')]
    .map((character) => {
      const code = character.codePointAt(0) ?? 0;
      if (character === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return character;
      return WIN_ANSI_EXTRAS.has(character) ? character : '?';
    })
    .join('');
}

export class PdfWriter {
  private page!: PDFPage;
  private y = 0;

  private constructor(
    private readonly document: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    /** Pages before this one were there already (`appendTo`): the writer leaves them as they are. */
    private readonly firstOwnPage = 0,
  ) {
    this.newPage();
  }

  static async create(title: string): Promise<PdfWriter> {
    const document = await PDFDocument.create();
    document.setTitle(winAnsi(title));
    document.setLanguage('fr-FR');
    document.setProducer('Salle sur demande');
    const [regular, bold] = await fontsOf(document);
    return new PdfWriter(document, regular, bold);
  }

  /** Writes new pages after those of `pdf`, which stay untouched. */
  static async appendTo(pdf: Uint8Array): Promise<PdfWriter> {
    const document = await PDFDocument.load(pdf);
    const [regular, bold] = await fontsOf(document);
    return new PdfWriter(document, regular, bold, document.getPageCount());
  }

  heading(text: string, size = 12): void {
    this.space(LEADING / 2);
    this.lines(text, this.bold, size, size + 4);
  }

  paragraph(text: string, options: { bold?: boolean } = {}): void {
    for (const line of text.split('\n')) this.lines(line, options.bold ? this.bold : this.regular, SIZE, LEADING);
    this.space(LEADING / 3);
  }

  space(height: number): void {
    this.y -= height;
  }

  /** Writes `footer(page, count)` at the bottom of every page, then the bytes. */
  async save(footer: (page: number, count: number) => string): Promise<Uint8Array> {
    const pages = this.document.getPages();
    pages.slice(this.firstOwnPage).forEach((page, own) =>
      page.drawText(winAnsi(footer(this.firstOwnPage + own + 1, pages.length)), {
        x: MARGIN,
        y: MARGIN / 2,
        size: 8,
        font: this.regular,
        color: rgb(0.35, 0.35, 0.35),
      }),
    );
    return this.document.save();
  }

  private lines(text: string, font: PDFFont, size: number, leading: number): void {
    for (const line of this.wrap(winAnsi(text), font, size)) {
      if (this.y - leading < MARGIN) this.newPage();
      this.y -= leading;
      this.page.drawText(line, { x: MARGIN, y: this.y, size, font });
    }
  }

  private wrap(text: string, font: PDFFont, size: number): string[] {
    const width = A4[0] - 2 * MARGIN;
    const lines: string[] = [];
    let current = '';
    for (const word of text.split(' ')) {
      const candidate = current ? `${current} ${word}` : word;
      if (current && font.widthOfTextAtSize(candidate, size) > width) {
        lines.push(current);
        current = word;
      } else {
        current = candidate;
      }
    }
    lines.push(current);
    return lines;
  }

  private newPage(): void {
    this.page = this.document.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
}

function fontsOf(document: PDFDocument): Promise<[PDFFont, PDFFont]> {
  return Promise.all([document.embedFont(StandardFonts.Helvetica), document.embedFont(StandardFonts.HelveticaBold)]);
}
