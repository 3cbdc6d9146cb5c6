import { frenchEuros, type ConventionTemplateView } from '@salle/contracts';
import { schoolYearLabel, type SchoolYear } from '../domain/time';
import type { ConventionData } from './convention-data';
import { calendarAndAccess, parties, premises } from './convention-pdf';
import { PdfWriter } from './pdf-writer';

const NB = '\u00a0';

/** The framework an annex refers to: its reference, school year and, once issued, the SHA-256 of its PDF. */
export interface FrameworkReference {
  reference: string;
  schoolYear: SchoolYear;
  sha256: string | null;
}

type Kind = 'draft' | 'issued';

const notice = (kind: Kind, what: string, reference: string) =>
  kind === 'draft'
    ? `PROJET – document non signé, sans valeur d’engagement. Référence ${reference}.`
    : `${what} soumise à la signature des parties. Référence ${reference}.`;

/**
 * The framework convention of an organisation at a collège for a school year, as a PDF: the parties, the legal basis,
 * every general clause of the template and the règlement intérieur. It names no premises, dates or price: each
 * booking or series has them in its annex, which refers to this document.
 */
export async function renderFramework(
  template: ConventionTemplateView,
  data: ConventionData,
  framework: FrameworkReference,
  kind: Kind = 'draft',
): Promise<Uint8Array> {
  const year = schoolYearLabel(framework.schoolYear);
  const title = 'Convention-cadre d’occupation temporaire de locaux scolaires';
  const pdf = await PdfWriter.create(title);
  pdf.heading(title, 15);
  pdf.paragraph(
    `Année scolaire ${year}, du 1er septembre ${framework.schoolYear} au 31 août ${framework.schoolYear + 1}.`,
    {
      bold: true,
    },
  );
  pdf.paragraph(notice(kind, 'Convention-cadre', framework.reference), { bold: true });
  parties(pdf, template, data);
  pdf.heading('Objet de la convention-cadre');
  pdf.paragraph(
    `La présente convention-cadre fixe, pour l’année scolaire ${year}, les conditions générales dans lesquelles l’organisateur utilise les locaux du ${data.establishment.name}. Chaque réservation ou série de séances fait l’objet d’une annexe, signée par les mêmes parties dans le même ordre, qui précise les locaux, le calendrier des séances, les conditions financières et les consignes d’accès. Une annexe n’a d’effet qu’avec la présente convention-cadre signée.`,
  );
  template.clauses.forEach((clause, index) => {
    pdf.heading(`Article ${index + 1} – ${clause.title}`, 11);
    pdf.paragraph(clause.text);
  });
  if (template.rules) {
    pdf.heading('Annexe – Règlement d’utilisation des locaux');
    pdf.paragraph(template.rules);
  }
  pdf.heading('Signatures');
  pdf.paragraph(`Pour l’organisateur, pour le collège et pour le Département${NB}: signatures à recueillir.`);
  const label = kind === 'draft' ? 'Projet de convention-cadre' : 'Convention-cadre';
  return pdf.save(
    (page, count) =>
      `${label} ${framework.reference} – année scolaire ${year} – modèle version ${template.version} – page ${page} sur ${count}`,
  );
}

/**
 * The annex of one booking or series to its framework convention: the premises, the calendar of its sessions, the
 * financial conditions and the access instructions, and which framework it belongs to (with that PDF's SHA-256, so
 * the annex binds the exact framework document).
 */
export async function renderAnnex(
  template: ConventionTemplateView,
  data: ConventionData,
  framework: FrameworkReference,
  kind: Kind = 'draft',
): Promise<Uint8Array> {
  const year = schoolYearLabel(framework.schoolYear);
  const title = 'Annexe à la convention-cadre d’occupation de locaux scolaires';
  const pdf = await PdfWriter.create(title);
  pdf.heading(title, 15);
  pdf.paragraph(notice(kind, 'Annexe', data.reference), { bold: true });
  pdf.paragraph(
    `Annexe à la convention-cadre ${framework.reference} de l’année scolaire ${year}, entre le ${template.departmentName}, le ${data.establishment.name} (UAI ${data.establishment.uai}) et ${data.organisation.name}. Elle en fait partie et n’a d’effet qu’avec elle${framework.sha256 ? ` (empreinte SHA-256 de la convention-cadre${NB}: ${framework.sha256})` : ''}.`,
  );
  premises(pdf, data, 'au calendrier ci-dessous');
  calendarAndAccess(pdf, data, 'Partie');
  pdf.heading('Conditions générales');
  pdf.paragraph(
    `Les conditions générales, la sécurité, l’assurance, la responsabilité et le règlement d’utilisation des locaux sont ceux de la convention-cadre ${framework.reference}.${data.priceCents > 0 ? ` La redevance de ${frenchEuros(data.priceCents)} est due pour les séances de la présente annexe.` : ''}`,
  );
  pdf.heading('Signatures');
  pdf.paragraph(`Pour l’organisateur, pour le collège et pour le Département${NB}: signatures à recueillir.`);
  const label = kind === 'draft' ? 'Projet d’annexe' : 'Annexe';
  return pdf.save(
    (page, count) =>
      `${label} ${data.reference} à la convention-cadre ${framework.reference} – modèle version ${template.version} – page ${page} sur ${count}`,
  );
}
