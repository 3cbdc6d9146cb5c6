import type { DataSource } from 'typeorm';
import { maySeeBooking, managesEstablishment } from '@salle/auth';
import { forbidden, reply } from '@salle/http';
import { frenchSlot } from '@salle/contracts';
import type { PaymentHandlers } from '../access/access-policy';
import type { InvoiceLineRecord, InvoiceRecord } from '../database/tables/invoice-table';
import { creditNoteNotAvailable, invoiceNotFound, invoiceNotPayable } from '../errors';
import { renderInvoicePdf, type InvoicePdfData } from './invoice-pdf';
import { findInvoice, findInvoiceLine, invoiceLines, markInvoicePaid, toInvoiceView } from './invoice-store';
import { staffActor } from '../audit/audit.handlers';

/** The public payer's invoice: read and downloaded by both parties, marked paid by the collège or an admin. */
export function invoiceHandlers(
  dataSource: DataSource,
  issuer: string,
  vatStatement: string,
): Pick<PaymentHandlers, 'invoice' | 'invoicePdf' | 'creditNotePdf' | 'markInvoicePaid'> {
  // Another organisation's or collège's invoice is answered as an unknown one.
  const visibleInvoice = async (bookingId: string, access: Parameters<typeof maySeeBooking>[0]) => {
    const invoice = await findInvoice(dataSource, bookingId);
    if (!invoice || !maySeeBooking(access, invoice)) throw invoiceNotFound();
    // A series period's invoice: this session's line, which carries its own credit note.
    const line = invoice.seriesId ? await findInvoiceLine(dataSource, bookingId) : undefined;
    return { invoice, line };
  };
  const pdf = (bytes: Buffer, filename: string) =>
    reply(bytes, {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${filename}.pdf"`,
        'cache-control': 'private, no-store',
      },
    });
  return {
    invoice: {
      access: 'signedIn',
      handle: async ({ params: { bookingId } }, { access }) => {
        const { invoice, line } = await visibleInvoice(bookingId, access);
        return toInvoiceView(invoice, bookingId, line);
      },
    },
    invoicePdf: {
      access: 'signedIn',
      handle: async ({ params: { bookingId } }, { access }) => {
        const { invoice } = await visibleInvoice(bookingId, access);
        const lines = invoice.seriesId ? await invoiceLines(dataSource, invoice.id) : [];
        return pdf(
          await renderInvoicePdf(pdfData(invoice, lines, issuer, vatStatement, 'invoice')),
          `facture-${invoice.number}`,
        );
      },
    },
    creditNotePdf: {
      access: 'signedIn',
      handle: async ({ params: { bookingId } }, { access }) => {
        const { invoice, line } = await visibleInvoice(bookingId, access);
        // A period's invoice is credited session by session: this session's line.
        const creditNoteNumber = invoice.seriesId ? line?.creditNoteNumber : invoice.creditNoteNumber;
        if (!creditNoteNumber) throw creditNoteNotAvailable();
        const data = pdfData(invoice, line ? [line] : [], issuer, vatStatement, 'credit_note');
        return pdf(await renderInvoicePdf(data), `avoir-${creditNoteNumber}`);
      },
    },
    markInvoicePaid: {
      access: 'signedIn',
      handle: async ({ params: { bookingId }, body }, { access }) => {
        const invoice = await findInvoice(dataSource, bookingId);
        if (!invoice || !maySeeBooking(access, invoice)) throw invoiceNotFound();
        // The organisation reads its invoice but does not declare it paid: its collège's managers and admins do.
        if (!managesEstablishment(access, invoice.establishmentId))
          throw forbidden('Seul le collège enregistre le paiement d’une facture.');
        const outcome = await markInvoicePaid(dataSource, invoice, body.paymentReference, {
          accountId: access.caller.accountId,
          role: staffActor(access).role,
        });
        if (outcome.kind === 'not_payable') throw invoiceNotPayable(outcome.invoice.status);
        const line = invoice.seriesId ? await findInvoiceLine(dataSource, bookingId) : undefined;
        return toInvoiceView(outcome.invoice, bookingId, line);
      },
    },
  };
}

/**
 * What the PDF of an invoice or credit note prints. A booking's has one line; a series period's invoice has one
 * line per session (`lines`), and the credit note of one of its sessions that session's line (`lines` = [it]).
 */
function pdfData(
  invoice: InvoiceRecord,
  lines: InvoiceLineRecord[],
  issuer: string,
  vatStatement: string,
  kind: 'invoice' | 'credit_note',
): InvoicePdfData {
  const creditNote = kind === 'credit_note';
  const { spaceName, establishmentName } = invoice.labels;
  const credited = creditNote && invoice.seriesId ? lines[0] : undefined;
  const number = creditNote ? (credited?.creditNoteNumber ?? invoice.creditNoteNumber ?? '') : invoice.number;
  const cancelledAt = credited?.cancelledAt ?? invoice.cancelledAt;
  return {
    kind,
    number,
    issuedAt: creditNote ? (cancelledAt ?? invoice.issuedAt) : invoice.issuedAt,
    dueAt: creditNote ? null : invoice.dueAt,
    precedingInvoice: creditNote ? { number: invoice.number, issuedAt: invoice.issuedAt } : null,
    seller: { name: establishmentName, siret: invoice.sellerSiret, uai: invoice.sellerUai },
    buyer: { name: invoice.labels.organisationName, ...invoice.payer },
    lines: invoice.seriesId
      ? lines.map((line) => ({
          description: `Séance du ${frenchSlot(line.startsAt, line.endsAt)}, espace «\u00a0${spaceName}\u00a0»`,
          amountCents: line.amountCents,
          deliveredAt: line.startsAt,
        }))
      : [
          {
            description: `Mise à disposition de l’espace «\u00a0${spaceName}\u00a0» (${establishmentName})`,
            amountCents: invoice.amountCents,
            deliveredAt: invoice.startsAt,
          },
        ],
    vatStatement,
    issuer,
    spaceName,
    startsAt: credited?.startsAt ?? invoice.startsAt,
    endsAt: credited?.endsAt ?? invoice.endsAt,
    bookingId: invoice.bookingId,
    period: invoice.seriesId && invoice.periodLabel ? { seriesId: invoice.seriesId, label: invoice.periodLabel } : null,
  };
}
