import { type PDFDocument, type PDFFont, type PDFPage, StandardFonts, rgb } from 'pdf-lib';
import { EVIDENCE_ATTACHMENT_NAME, type ConventionEvidence, type SignerEvidence } from './evidence';

const NBSP = '\u00a0';
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const BODY_SIZE = 10;
const LINE = 14;

const STEP_LABELS: Record<SignerEvidence['step'], string> = {
  organisation: 'Organisme utilisateur',
  establishment: 'Collège',
  department: 'Département',
};

const METHOD_LABELS: Record<SignerEvidence['method'], string> = {
  franceconnect: 'identité vérifiée par FranceConnect',
  proconnect: 'identité professionnelle vérifiée par ProConnect',
  standing_delegation: 'signature par délégation permanente du département, apposée automatiquement',
};

/** A date and time as a French reader expects it, in Paris time, whatever the server's zone. */
export function frenchDateTime(iso: string): string {
  const text = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    dateStyle: 'long',
    timeStyle: 'medium',
  }).format(new Date(iso));
  return `${text} (heure de Paris)`;
}

/** The lines of the evidence page, kept apart from the drawing so they can be read and tested as text. */
export function evidenceLines(evidence: ConventionEvidence): { text: string; bold?: boolean; gap?: boolean }[] {
  const signerLines = evidence.signers.flatMap((signer, index) => [
    { text: `${index + 1}. ${STEP_LABELS[signer.step]}${NBSP}: ${signer.name}`, bold: true, gap: true },
    { text: `Signé le ${frenchDateTime(signer.signedAt)}` },
    {
      text: `Méthode${NBSP}: ${METHOD_LABELS[signer.method]}${
        signer.assuranceLevel ? `, niveau de garantie ${signer.assuranceLevel}` : ''
      }`,
    },
    { text: `Empreinte SHA-256 du document signé à cette étape${NBSP}: ${signer.documentSha256}` },
  ]);
  return [
    { text: `Convention ${evidence.reference}${NBSP}: ${evidence.conventionId}` },
    { text: `Version du modèle de convention${NBSP}: ${evidence.templateVersion}` },
    { text: `Empreinte SHA-256 du document avant scellement${NBSP}: ${evidence.documentSha256}` },
    { text: 'Signataires, dans l’ordre des signatures', bold: true, gap: true },
    {
      text: `Consentement exprimé par chaque signataire (version ${evidence.consent.version})${NBSP}: «${NBSP}${evidence.consent.text}${NBSP}»`,
    },
    ...(signerLines.length > 0 ? signerLines : [{ text: 'Aucune signature enregistrée.' }]),
    { text: `Signatures complètes le ${frenchDateTime(evidence.completedAt)}`, bold: true, gap: true },
    { text: 'Comment vérifier ce document', bold: true, gap: true },
    {
      text:
        'Ce document est scellé par la plateforme Salle sur demande (signature électronique PAdES). Le fichier ' +
        `de preuve «${NBSP}${EVIDENCE_ATTACHMENT_NAME}${NBSP}» est joint au PDF. Déposez ce PDF sur la page ` +
        `«${NBSP}Vérifier une convention${NBSP}» de la plateforme, ou ouvrez-le dans un lecteur PDF qui affiche les ` +
        `signatures${NBSP}: toute modification après le scellement rend le sceau invalide.`,
    },
  ];
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  return current ? [...lines, current] : lines;
}

/** Appends the French evidence page (more than one if the signers do not fit) to the document. */
export async function appendEvidencePage(pdf: PDFDocument, evidence: ConventionEvidence): Promise<void> {
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const width = A4[0] - 2 * MARGIN;
  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  page.drawText('Page de preuve des signatures', { x: MARGIN, y, size: 16, font: bold, color: rgb(0.1, 0.1, 0.3) });
  y -= 2 * LINE;
  for (const line of evidenceLines(evidence)) {
    const font = line.bold ? bold : regular;
    if (line.gap) y -= LINE / 2;
    for (const part of wrap(line.text, font, BODY_SIZE, width)) {
      if (y < MARGIN) {
        page = pdf.addPage(A4);
        y = A4[1] - MARGIN;
      }
      page.drawText(part, { x: MARGIN, y, size: BODY_SIZE, font });
      y -= LINE;
    }
  }
}
