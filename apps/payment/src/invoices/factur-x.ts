import { XMLBuilder } from 'fast-xml-parser';
import { DateTime } from 'luxon';

/** What one Factur-X document states: an invoice, or the credit note that cancels it. */
export interface FacturXDocument {
  kind: 'invoice' | 'credit_note';
  number: string;
  issuedAt: Date;
  /** An invoice's payment due date (BT-9); a credit note has none. */
  dueAt: Date | null;
  /** The invoice a credit note cancels (BT-25, BT-26). */
  precedingInvoice: { number: string; issuedAt: Date } | null;
  /** The collège: its SIRET when on record, its UAI (BT-29, without scheme: not an ISO 6523 ICD) otherwise. */
  seller: { name: string; siret: string | null; uai?: string | null };
  buyer: { name: string; siret: string; serviceCode?: string; engagementNumber: string };
  /** One line per service rendered: a booking's one line, or one per session of a series period. Not empty. */
  lines: FacturXLine[];
  /** The département's VAT statement: the rental is outside the scope of VAT (category O), with this reason. */
  vatStatement: string;
}

/** One invoice line (BG-25): what was rented, its price (net, outside VAT), and when it took place. */
export interface FacturXLine {
  description: string;
  amountCents: number;
  deliveredAt: Date;
}

/** The Factur-X EN 16931 (« Comfort ») profile's guideline identifier (BT-24). */
export const FACTUR_X_EN16931 = 'urn:cen.eu:en16931:2017';
const NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
};
/** UNTDID 1001 document type codes. */
const TYPE_CODES = { invoice: '380', credit_note: '381' } as const;
/** ISO 6523 ICD 0009: SIRET, how Chorus Pro identifies French public and private entities. */
const SIRET_SCHEME = '0009';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true });

/** 3200 -> "32.00": CII amounts, with a dot and two decimals. */
export function ciiAmount(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** A calendar date in Paris, format 102 (CCYYMMDD). */
function ciiDate(at: Date) {
  return {
    'udt:DateTimeString': {
      '@format': '102',
      '#text': DateTime.fromJSDate(at, { zone: 'Europe/Paris' }).toFormat('yyyyLLdd'),
    },
  };
}

/**
 * A trade party. BR-CO-26 wants the seller identified by BT-29, BT-30 or BT-31: a collège with no SIRET on record
 * is identified by its UAI as BT-29 (`ram:ID`, no scheme), which EN 16931 allows for an identifier of the seller's
 * own choosing.
 */
function party(name: string, siret: string | null, uai?: string | null) {
  return {
    ...(!siret && uai ? { 'ram:ID': uai } : {}),
    'ram:Name': name,
    ...(siret ? { 'ram:SpecifiedLegalOrganization': { 'ram:ID': { '@schemeID': SIRET_SCHEME, '#text': siret } } } : {}),
    'ram:PostalTradeAddress': { 'ram:CountryID': 'FR' },
  };
}

/** BT-20 and BT-9: an invoice is paid by mandate by its due date; a credit note offsets the invoice it cancels. */
function paymentTerms(doc: FacturXDocument) {
  if (!doc.dueAt) {
    return {
      'ram:Description': `Avoir imputé sur la facture ${doc.precedingInvoice?.number ?? ''}, qui n’est plus à payer`,
    };
  }
  return {
    'ram:Description': 'Paiement par mandat administratif à réception de la facture',
    'ram:DueDateDateTime': ciiDate(doc.dueAt),
  };
}

/** A line item (BG-25): line number, name, net price, quantity 1, category O, line total (BR-CO-10 sums them). */
function lineItem(line: FacturXLine, index: number) {
  const amount = ciiAmount(line.amountCents);
  return {
    'ram:AssociatedDocumentLineDocument': { 'ram:LineID': String(index + 1) },
    'ram:SpecifiedTradeProduct': { 'ram:Name': line.description },
    'ram:SpecifiedLineTradeAgreement': {
      'ram:NetPriceProductTradePrice': { 'ram:ChargeAmount': amount },
    },
    'ram:SpecifiedLineTradeDelivery': { 'ram:BilledQuantity': { '@unitCode': 'C62', '#text': '1' } },
    'ram:SpecifiedLineTradeSettlement': {
      'ram:ApplicableTradeTax': { 'ram:TypeCode': 'VAT', 'ram:CategoryCode': 'O' },
      'ram:SpecifiedTradeSettlementLineMonetarySummation': { 'ram:LineTotalAmount': amount },
    },
  };
}

/**
 * The Cross Industry Invoice (UN/CEFACT CII D16B) of the Factur-X EN 16931 profile, elements in the schema's
 * order. The amount is outside the scope of VAT (category O: no rate, no VAT amount, the statement as the
 * exemption reason); the service code is the buyer reference (BT-10) and the engagement number the purchase
 * order reference (BT-13), where Chorus Pro reads them.
 */
export function facturXml(doc: FacturXDocument): string {
  if (doc.lines.length === 0) throw new Error('A Factur-X document has at least one line');
  const amount = ciiAmount(doc.lines.reduce((sum, line) => sum + line.amountCents, 0));
  const firstDelivery = new Date(Math.min(...doc.lines.map((line) => line.deliveredAt.getTime())));
  const tree = {
    'rsm:CrossIndustryInvoice': {
      '@xmlns:rsm': NS.rsm,
      '@xmlns:ram': NS.ram,
      '@xmlns:udt': NS.udt,
      '@xmlns:qdt': NS.qdt,
      'rsm:ExchangedDocumentContext': {
        'ram:GuidelineSpecifiedDocumentContextParameter': { 'ram:ID': FACTUR_X_EN16931 },
      },
      'rsm:ExchangedDocument': {
        'ram:ID': doc.number,
        'ram:TypeCode': TYPE_CODES[doc.kind],
        'ram:IssueDateTime': ciiDate(doc.issuedAt),
        'ram:IncludedNote': { 'ram:Content': doc.vatStatement },
      },
      'rsm:SupplyChainTradeTransaction': {
        'ram:IncludedSupplyChainTradeLineItem': doc.lines.map(lineItem),
        'ram:ApplicableHeaderTradeAgreement': {
          ...(doc.buyer.serviceCode ? { 'ram:BuyerReference': doc.buyer.serviceCode } : {}),
          'ram:SellerTradeParty': party(doc.seller.name, doc.seller.siret, doc.seller.uai),
          'ram:BuyerTradeParty': party(doc.buyer.name, doc.buyer.siret),
          'ram:BuyerOrderReferencedDocument': { 'ram:IssuerAssignedID': doc.buyer.engagementNumber },
        },
        'ram:ApplicableHeaderTradeDelivery': {
          'ram:ActualDeliverySupplyChainEvent': { 'ram:OccurrenceDateTime': ciiDate(firstDelivery) },
        },
        'ram:ApplicableHeaderTradeSettlement': {
          'ram:InvoiceCurrencyCode': 'EUR',
          'ram:ApplicableTradeTax': {
            'ram:CalculatedAmount': '0.00',
            'ram:TypeCode': 'VAT',
            'ram:ExemptionReason': doc.vatStatement,
            'ram:BasisAmount': amount,
            'ram:CategoryCode': 'O',
            'ram:ExemptionReasonCode': 'VATEX-EU-O',
          },
          'ram:SpecifiedTradePaymentTerms': paymentTerms(doc),
          'ram:SpecifiedTradeSettlementHeaderMonetarySummation': {
            'ram:LineTotalAmount': amount,
            'ram:TaxBasisTotalAmount': amount,
            'ram:TaxTotalAmount': { '@currencyID': 'EUR', '#text': '0.00' },
            'ram:GrandTotalAmount': amount,
            'ram:DuePayableAmount': amount,
          },
          ...(doc.precedingInvoice
            ? {
                'ram:InvoiceReferencedDocument': {
                  'ram:IssuerAssignedID': doc.precedingInvoice.number,
                  'ram:FormattedIssueDateTime': {
                    'qdt:DateTimeString': {
                      '@format': '102',
                      '#text': DateTime.fromJSDate(doc.precedingInvoice.issuedAt, { zone: 'Europe/Paris' }).toFormat(
                        'yyyyLLdd',
                      ),
                    },
                  },
                },
              }
            : {}),
        },
      },
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(tree)}`;
}
