import type { DataSource } from 'typeorm';
import { maySeeBooking, managesEstablishment } from '@salle/auth';
import { forbidden, reply } from '@salle/http';
import type { PaymentHandlers } from '../access/access-policy';
import type { InvoiceRecord } from '../database/tables/invoice-table';
import { creditNoteNotAvailable, invoiceNotFound, invoiceNotPayable } from '../errors';
import { renderInvoicePdf, type InvoicePdfData } from './invoice-pdf';
import { findInvoice, markInvoicePaid, toInvoiceView } from './invoice-store';
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
    return invoice;
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
      handle: async ({ params: { bookingId } }, { access }) => toInvoiceView(await visibleInvoice(bookingId, access)),
    },
    invoicePdf: {
      access: 'signedIn',
      handle: async ({ params: { bookingId } }, { access }) => {
        const invoice = await visibleInvoice(bookingId, access);
        return pdf(
          await renderInvoicePdf(pdfData(invoice, issuer, vatStatement, 'invoice')),
          `facture-${invoice.number}`,
        );
      },
    },
    creditNotePdf: {
      access: 'signedIn',
      handle: async ({ params: { bookingId } }, { access }) => {
        const invoice = await visibleInvoice(bookingId, access);
        if (!invoice.creditNoteNumber) throw creditNoteNotAvailable();
        const data = pdfData(invoice, issuer, vatStatement, 'credit_note');
        return pdf(await renderInvoicePdf(data), `avoir-${invoice.creditNoteNumber}`);
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
        return toInvoiceView(outcome.invoice);
      },
    },
  };
}

function pdfData(
  invoice: InvoiceRecord,
  issuer: string,
  vatStatement: string,
  kind: 'invoice' | 'credit_note',
): InvoicePdfData {
  const creditNote = kind === 'credit_note';
  return {
    kind,
    number: creditNote ? (invoice.creditNoteNumber ?? '') : invoice.number,
    issuedAt: creditNote ? (invoice.cancelledAt ?? invoice.issuedAt) : invoice.issuedAt,
    dueAt: creditNote ? null : invoice.dueAt,
    precedingInvoice: creditNote ? { number: invoice.number, issuedAt: invoice.issuedAt } : null,
    seller: { name: invoice.labels.establishmentName, siret: invoice.sellerSiret, uai: invoice.sellerUai },
    buyer: { name: invoice.labels.organisationName, ...invoice.payer },
    line: {
      description: `Mise à disposition de l’espace «\u00a0${invoice.labels.spaceName}\u00a0» (${invoice.labels.establishmentName})`,
      amountCents: invoice.amountCents,
      deliveredAt: invoice.startsAt,
    },
    vatStatement,
    issuer,
    spaceName: invoice.labels.spaceName,
    startsAt: invoice.startsAt,
    endsAt: invoice.endsAt,
    bookingId: invoice.bookingId,
  };
}
