import {
  frenchDate,
  frenchSlot,
  type PlanningClosure,
  type PlanningEntry,
  type PlanningEstablishment,
  type PlanningView,
} from '@salle/contracts';
import PDFDocument from 'pdfkit';
import { BOOKING_STATUS_LABELS } from '../domain/lifecycle';

/** What one line under a booking tells the people on site; empty parts are left out. */
export function entryDetails(entry: PlanningEntry): string[] {
  return [
    contactOf(entry),
    entry.purpose ? `Activité\u00a0: ${entry.purpose}` : null,
    entry.attendees !== null ? `Participants\u00a0: ${entry.attendees}` : null,
    entry.accessNotes ? `Accès\u00a0: ${entry.accessNotes}` : null,
  ].filter((part): part is string => part !== null);
}

/** « Contact : Angela Dubois, 06 12 34 56 78, angela@example.fr », with what the organisation gave. */
function contactOf(entry: PlanningEntry): string | null {
  const parts = [entry.contactName, entry.contactPhone, entry.contactEmail].filter(Boolean);
  return parts.length > 0 ? `Contact\u00a0: ${parts.join(', ')}` : null;
}

/** « Fermé du … au … (travaux) », and the space when only one is closed. */
export function closureLine(closure: PlanningClosure, spaces: PlanningEstablishment['spaces']): string {
  const where = closure.spaceId ? (spaces.find((space) => space.id === closure.spaceId)?.name ?? 'un espace') : null;
  return `${where ? `${where} fermé` : 'Collège fermé'} ${frenchSlot(closure.startsAt, closure.endsAt)} (${closure.reason})`;
}

/** « Planning du lundi 7 décembre 2026 » or « … du lundi 7 au dimanche 13 décembre 2026 », as a title. */
export function planningTitle(view: PlanningView): string {
  return view.from === view.to
    ? `Planning du ${frenchDate(view.from)}`
    : `Planning du ${frenchDate(view.from)} au ${frenchDate(view.to)}`;
}

/**
 * The planning as an A4 PDF to print and pin up: each collège, each space,
 * each booking with its organisation, status, contact, activity and access
 * notes. pdfkit, as the payment service's receipts.
 */
export function renderPlanningPdf(view: PlanningView): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    lang: 'fr-FR',
    info: {
      Title: planningTitle(view),
      Author: 'Salle sur demande',
      Subject: 'Planning des espaces – Salle sur demande',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(planningTitle(view));
  if (view.establishments.length === 0) doc.moveDown().font('Helvetica').fontSize(11).text('Aucun collège.');
  for (const establishment of view.establishments) {
    doc.moveDown().font('Helvetica-Bold').fontSize(14).text(establishment.name);
    const address = [establishment.address, `${establishment.postalCode} ${establishment.communeName}`.trim()];
    doc.font('Helvetica').fontSize(9).text(address.filter(Boolean).join(', '));
    for (const closure of establishment.closures) {
      doc.font('Helvetica-Bold').fontSize(10).text(closureLine(closure, establishment.spaces));
    }
    if (establishment.spaces.length === 0) doc.fontSize(10).text('Aucun espace ouvert.');
    for (const space of establishment.spaces) {
      doc.moveDown(0.5).font('Helvetica-Bold').fontSize(11).text(space.name);
      if (space.entries.length === 0) doc.font('Helvetica-Oblique').fontSize(10).text('Aucune réservation.');
      for (const entry of space.entries) {
        const heading = `${frenchSlot(entry.startsAt, entry.endsAt)} – ${entry.organisationName} (${BOOKING_STATUS_LABELS[entry.status].toLowerCase()})`;
        doc.font('Helvetica').fontSize(10).text(heading, { indent: 12 });
        const details = entryDetails(entry);
        if (details.length > 0) doc.fontSize(9).fillColor('#333333').text(details.join(' · '), { indent: 24 });
        doc.fillColor('black');
      }
    }
  }
  doc.end();
  return done;
}
