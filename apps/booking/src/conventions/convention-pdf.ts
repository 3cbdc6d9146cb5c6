import { frenchDate, frenchEuros, frenchSlot, type ConventionTemplateView } from '@salle/contracts';
import type { ConventionData } from './convention-data';
import { PdfWriter } from './pdf-writer';

const NB = '\u00a0';

function identifiers(organisation: ConventionData['organisation']): string {
  return [organisation.rna && `RNA ${organisation.rna}`, organisation.siren && `SIREN ${organisation.siren}`]
    .filter(Boolean)
    .join(', ');
}

export function parties(pdf: PdfWriter, template: ConventionTemplateView, data: ConventionData): void {
  const { establishment: e, organisation: o } = data;
  pdf.heading('Entre les soussignés');
  pdf.paragraph(`Le ${template.departmentName}, représenté par ${lowerFirst(template.departmentRepresentative)},`);
  pdf.paragraph(
    `le ${e.name} (UAI ${e.uai}), ${[e.address, `${e.postalCode} ${e.communeName}`].filter(Boolean).join(', ')}, représenté par son chef d’établissement, autorisé par délibération du conseil d’administration,`,
  );
  pdf.paragraph(
    `et ${o.name} (${identifiers(o)}), ${[o.address, `${o.postalCode} ${o.communeName}`].filter(Boolean).join(', ')}, représentée par son responsable, ci-après «\u00a0l’organisateur\u00a0».`,
  );
  pdf.heading('Visas');
  pdf.paragraph(template.legalBasis);
}

export function premises(pdf: PdfWriter, data: ConventionData, calendar = 'au calendrier en annexe 1'): void {
  const { space } = data;
  pdf.heading('Locaux, activité et conditions');
  pdf.paragraph(`Locaux mis à disposition${NB}: ${space.name} du ${data.establishment.name}.`);
  pdf.paragraph(`Capacité maximale${NB}: ${space.capacity} personnes.`);
  if (space.equipment.length) pdf.paragraph(`Équipements${NB}: ${space.equipment.join(', ')}.`);
  if (data.purpose) pdf.paragraph(`Activité${NB}: ${data.purpose}.`);
  if (data.attendees !== null) pdf.paragraph(`Participants attendus${NB}: ${data.attendees}.`);
  const [only, ...others] = data.occurrences;
  pdf.paragraph(
    only && others.length === 0
      ? `Date${NB}: ${frenchSlot(only.startsAt, only.endsAt)}.`
      : `Dates${NB}: ${data.occurrences.length} séances, détaillées ${calendar}.`,
  );
  pdf.paragraph(
    data.priceCents > 0
      ? `Redevance${NB}: ${frenchEuros(data.priceCents)} pour l’ensemble des séances.`
      : `Mise à disposition gratuite.`,
  );
  if (data.depositCents > 0) pdf.paragraph(`Caution${NB}: ${frenchEuros(data.depositCents)}.`);
  const insurance = data.insurance;
  pdf.paragraph(
    'insurer' in insurance
      ? `Assurance${NB}: ${insurance.insurer}, contrat ${insurance.policyNumber}, valable jusqu’au ${frenchDate(insurance.expiresOn)}.`
      : `Assurance${NB}: ${insurance.reference}, valable jusqu’au ${frenchDate(insurance.expiresOn)}.`,
  );
}

/** The calendar of the sessions and the access instructions, headed « `prefix` 1 » and « `prefix` 2 ». */
export function calendarAndAccess(pdf: PdfWriter, data: ConventionData, prefix = 'Annexe'): void {
  pdf.heading(`${prefix} 1 – Calendrier des séances`);
  data.occurrences.forEach((session, index) =>
    pdf.paragraph(`${index + 1}. ${frenchSlot(session.startsAt, session.endsAt)}`),
  );
  pdf.heading(`${prefix} 2 – Accès aux locaux`);
  const access = data.access;
  if (!access || !(access.keys || access.alarm || access.caretakerContact)) {
    pdf.paragraph('Les consignes d’accès sont communiquées par le collège avant la première utilisation.');
  } else {
    if (access.keys) pdf.paragraph(`Clés ou badge${NB}: ${access.keys}`);
    if (access.alarm) pdf.paragraph(`Alarme${NB}: ${access.alarm}`);
    if (access.caretakerContact) pdf.paragraph(`Contact sur place${NB}: ${access.caretakerContact}`);
  }
}

function annexes(pdf: PdfWriter, template: ConventionTemplateView, data: ConventionData): void {
  calendarAndAccess(pdf, data);
  if (template.rules) {
    pdf.heading('Annexe 3 – Règlement d’utilisation des locaux');
    pdf.paragraph(template.rules);
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * The convention as a PDF. A `draft` (before approval, or a refused or expired request) is marked as such on every
 * page and is not a valid document; the `issued` one, made once at approval and stored, is the one to be signed.
 */
export async function renderConvention(
  template: ConventionTemplateView,
  data: ConventionData,
  kind: 'draft' | 'issued' = 'draft',
): Promise<Uint8Array> {
  const title = 'Convention d’occupation temporaire de locaux scolaires';
  const pdf = await PdfWriter.create(title);
  pdf.heading(title, 15);
  pdf.paragraph(
    kind === 'draft'
      ? `PROJET – document non signé, sans valeur d’engagement. Référence ${data.reference}.`
      : `Convention soumise à la signature des parties. Référence ${data.reference}.`,
    { bold: true },
  );
  parties(pdf, template, data);
  premises(pdf, data);
  template.clauses.forEach((clause, index) => {
    pdf.heading(`Article ${index + 1} – ${clause.title}`, 11);
    pdf.paragraph(clause.text);
  });
  annexes(pdf, template, data);
  pdf.heading('Signatures');
  pdf.paragraph(`Pour l’organisateur, pour le collège et pour le Département${NB}: signatures à recueillir.`);
  const label = kind === 'draft' ? 'Projet de convention' : 'Convention';
  return pdf.save(
    (page, count) => `${label} ${data.reference} – modèle version ${template.version} – page ${page} sur ${count}`,
  );
}
