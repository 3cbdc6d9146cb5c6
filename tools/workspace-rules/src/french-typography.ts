import * as ts from 'typescript';

// French typography in what people read: a no-break space (U+00A0, or the narrow U+202F) before
// « : ; ! ? », never a plain one that lets the sign wrap alone to the next line; a no-break space inside
// « guillemets », never a plain one or none; a typographic apostrophe (’), never the straight one. Code,
// comments and docs are in English and left alone.

export interface TypographyProblem {
  line: number;
  kind:
    | 'plain space before a sign'
    | 'straight apostrophe'
    | 'escape printed as is'
    | 'guillemets without a no-break space';
  text: string;
}

const FRENCH_WORDS =
  /[éèêàùçôîâœ]|(^|[^\p{L}])(le|la|les|de|des|du|un|une|est|pas|vous|votre|vos|ne|ce|cette|pour|sur|au|aux|et|ou|en|par|avec|dans|aucun|aucune|nous|il|elle)(?=[^\p{L}]|$)/iu;
const ENGLISH_WORDS = /(^|[^\p{L}])(the|of|and|to|its|with|is|are|for|once|by|from)(?=[^\p{L}]|$)|\p{L}'s\b/iu;
/** A plain space before a sign that ends a word group (followed by a space, the end, or a closing mark). */
const PLAIN_SPACE_BEFORE_SIGN = / [:;!?](?=[\s)»"'.,<]|$)/;
const STRAIGHT_APOSTROPHE = /\p{L}'\p{L}/u;
/**
 * « followed, or » preceded, by a plain space or directly by the quoted text. A guillemet at the edge of a
 * template's literal part is left alone: the no-break space may come from the expression beside it (`«${NBSP}`).
 */
const GUILLEMETS_WITHOUT_NBSP = /«(?=[ \p{L}\p{N}])|(?<=[ \p{L}\p{N}.!?…)])»/u;

/** Whether a literal reads as French text rather than code or English. */
export function isFrenchText(text: string): boolean {
  return FRENCH_WORDS.test(text) && !ENGLISH_WORDS.test(text);
}

/** The French texts of one TypeScript or TSX source (string and template literals, JSX text) that break the rules. */
export function typographyProblems(fileName: string, source: string): TypographyProblem[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const problems: TypographyProblem[] = [];
  const visit = (node: ts.Node): void => {
    // JSX attribute strings take no escapes: « ici\u00a0: » would be printed with its backslash.
    if (ts.isStringLiteral(node) && ts.isJsxAttribute(node.parent) && /\\u[0-9a-f]{4}/i.test(node.getText(file))) {
      const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
      problems.push({ line, kind: 'escape printed as is', text: node.getText(file) });
    }
    const text = literalText(node);
    // JSX text between two expressions (« {label} : {value} ») is shown as it is, whatever its words.
    const shownBetween = ts.isJsxText(node) && !/\p{L}/u.test(node.text);
    if (text !== null && (shownBetween || isFrenchText(context(node) ?? text))) {
      const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
      const shown = text.replace(/\s+/g, ' ').trim().slice(0, 100);
      if (PLAIN_SPACE_BEFORE_SIGN.test(text)) problems.push({ line, kind: 'plain space before a sign', text: shown });
      if (STRAIGHT_APOSTROPHE.test(text)) problems.push({ line, kind: 'straight apostrophe', text: shown });
    }
    // Guillemets mark French, even around a label alone; an English description quoting a screen is left alone.
    if (text !== null && GUILLEMETS_WITHOUT_NBSP.test(text) && !ENGLISH_WORDS.test(context(node) ?? text)) {
      const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
      const shown = text.replace(/\s+/g, ' ').trim().slice(0, 100);
      problems.push({ line, kind: 'guillemets without a no-break space', text: shown });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return problems;
}

/** All the literal text of the template or the JSX element a part belongs to: « ${n} h : » is French in « Le ${d} à ${n} h : ». */
function context(node: ts.Node): string | null {
  const parent = node.parent;
  if (ts.isTemplateSpan(parent) && ts.isTemplateExpression(parent.parent)) return templateText(parent.parent);
  if (ts.isTemplateExpression(parent)) return templateText(parent);
  if (ts.isJsxText(node)) {
    return parent
      .getChildren()
      .flatMap((child) => (child.kind === ts.SyntaxKind.SyntaxList ? child.getChildren() : [child]))
      .filter(ts.isJsxText)
      .map((child) => child.text)
      .join(' ');
  }
  return null;
}

function templateText(template: ts.TemplateExpression): string {
  return [template.head.text, ...template.templateSpans.map((span) => span.literal.text)].join(' ');
}

function literalText(node: ts.Node): string | null {
  if (ts.isImportDeclaration(node.parent ?? node) || ts.isExportDeclaration(node.parent ?? node)) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) return node.text;
  if (ts.isJsxText(node)) return node.text;
  return null;
}
