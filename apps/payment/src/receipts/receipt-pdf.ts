import { frenchDate, frenchDateTime, frenchEuros, frenchSlot } from '@salle/contracts';
import PDFDocument from 'pdfkit';

export interface ReceiptData {
  receiptNumber: string;
  issuer: string;
  organisationName: string;
  establishmentName: string;
  spaceName: string;
  startsAt: Date;
  endsAt: Date;
  bookingId: string;
  /** A series' period paid as one item: its label and every session it paid (the slot above is the first). */
  period?: { label: string; sessions: { startsAt: Date; endsAt: Date }[] };
  amountCents: number;
  departmentFeeCents: number;
  paidAt: Date;
  paymentReference: string;
  refunds: { amountCents: number; at: Date }[];
  /** The département's VAT statement (configuration), printed as is. */
  vatStatement: string;
  /** Paid through PayFiP: straight to the collège's public accountant, with PayFiP's references. */
  payfip: { refdet: string; idOp: string; numauto: string } | null;
  /** Received at the collège's counter (its régie): how, the quittance number and the day (`YYYY-MM-DD`). */
  counter?: { methodLabel: string; quittance: string; receivedOn: string } | null;
}

/** 42 in 2026 -> "2026-000042". */
export function formatReceiptNumber(sequence: string | number, paidAt: Date): string {
  return `${paidAt.getUTCFullYear()}-${String(sequence).padStart(6, '0')}`;
}

/**
 * The receipt of a paid booking, in French, for the organisation and the
 * collège: who paid what, for which room and slot, how the amount is split,
 * the payment reference and any refund.
 */
export function renderReceipt(data: ReceiptData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: 'fr-FR',
    info: {
      Title: `Reçu de paiement n° ${data.receiptNumber}`,
      Author: data.issuer,
      Subject: 'Reçu de paiement – Salle sur demande',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const line = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(10).text(label, { continued: true }).font('Helvetica').text(` ${value}`);
  };

  doc.font('Helvetica-Bold').fontSize(20).text('Reçu de paiement');
  doc.moveDown(0.3).font('Helvetica').fontSize(11).text(`Reçu n° ${data.receiptNumber}`);
  doc.text(`Émis par ${data.issuer} pour le compte de ${data.establishmentName}`);
  if (data.payfip) doc.text(`Bénéficiaire\u00a0: ${data.establishmentName}, encaissé par son comptable public`);
  if (data.counter) doc.text(`Bénéficiaire\u00a0: ${data.establishmentName}, encaissé par sa régie de recettes`);
  doc.moveDown();

  doc.font('Helvetica-Bold').fontSize(13).text('Réservation');
  doc.moveDown(0.3);
  line('Payeur\u00a0:', data.organisationName);
  line('Établissement\u00a0:', data.establishmentName);
  line('Espace\u00a0:', data.spaceName);
  if (data.period) {
    line('Période\u00a0:', `${data.period.label} (${data.period.sessions.length} séances)`);
    for (const session of data.period.sessions)
      doc.fontSize(10).text(`– ${frenchSlot(session.startsAt, session.endsAt)}`);
  } else {
    line('Créneau\u00a0:', frenchSlot(data.startsAt, data.endsAt));
    line('Référence de la réservation\u00a0:', data.bookingId);
  }
  doc.moveDown();

  doc.font('Helvetica-Bold').fontSize(13).text('Paiement');
  doc.moveDown(0.3);
  line('Montant payé\u00a0:', frenchEuros(data.amountCents));
  if (data.payfip) {
    line('Moyen de paiement\u00a0:', 'PayFiP (DGFiP), versé directement au comptable public');
  } else if (data.counter) {
    line('Moyen de paiement\u00a0:', `${data.counter.methodLabel}, au guichet du collège`);
  } else {
    line('dont part du collège\u00a0:', frenchEuros(data.amountCents - data.departmentFeeCents));
    line('dont frais du département\u00a0:', frenchEuros(data.departmentFeeCents));
  }
  if (data.counter) line('Payé au guichet le\u00a0:', frenchDate(data.counter.receivedOn, { weekday: false }));
  else line('Payé le\u00a0:', frenchDateTime(data.paidAt, { weekday: false }));
  if (data.counter) {
    line('Quittance de la régie\u00a0:', data.counter.quittance);
  } else if (data.payfip) {
    line('Référence de la dette (refdet)\u00a0:', data.payfip.refdet);
    line('Opération PayFiP\u00a0:', data.payfip.idOp);
    line('Numéro d’autorisation\u00a0:', data.payfip.numauto);
  } else {
    line('Référence du paiement\u00a0:', data.paymentReference);
  }

  if (data.refunds.length) {
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(13).text('Remboursements');
    doc.moveDown(0.3);
    let refunded = 0;
    for (const refund of data.refunds) {
      refunded += refund.amountCents;
      line(`Le ${frenchDateTime(refund.at, { weekday: false })}\u00a0:`, frenchEuros(refund.amountCents));
    }
    line('Montant conservé\u00a0:', frenchEuros(data.amountCents - refunded));
  }

  doc.moveDown();
  doc.font('Helvetica').fontSize(10).text(data.vatStatement);
  doc.moveDown(2);
  doc
    .font('Helvetica-Oblique')
    .fontSize(9)
    .text(
      data.counter
        ? 'Ce reçu atteste un paiement reçu au guichet du collège et enregistré sur Salle sur demande. Il ne constitue pas une facture.'
        : 'Ce reçu atteste un paiement en ligne effectué sur Salle sur demande. Il ne constitue pas une facture.',
      { align: 'left' },
    );
  doc.end();
  return done;
}
