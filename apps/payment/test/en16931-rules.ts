import { XMLParser } from 'fast-xml-parser';

/**
 * The EN 16931-1 business rules this project checks on its Factur-X (CII) XML, written out from the standard's
 * rule list (there is no network for the official Schematron here). Each check names its rule; `violatedRules`
 * returns the rules a document breaks, so a test can assert both [] and a tampered document's breaches.
 */
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['IncludedSupplyChainTradeLineItem', 'ApplicableTradeTax'].includes(name),
});

type Node = Record<string, unknown> | string | undefined;

function at(node: unknown, ...path: string[]): Node {
  let current = node;
  for (const key of path) {
    if (current === undefined || current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current as Node;
}
function text(node: unknown, ...path: string[]): string | undefined {
  const value = at(node, ...path);
  if (typeof value === 'string') return value || undefined;
  if (value && typeof value === 'object' && typeof value['#text'] === 'string') return value['#text'] || undefined;
  return undefined;
}
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
/** Amounts compared in cents, so that 0.1 + 0.2 issues do not blur a sum rule. */
const cents = (value: string | undefined) => (value === undefined ? undefined : Math.round(Number(value) * 100));

export function violatedRules(xml: string): string[] {
  const doc = parser.parse(xml)['CrossIndustryInvoice'];
  const broken = new Set<string>();
  const rule = (id: string, holds: boolean) => {
    if (!holds) broken.add(id);
  };
  const transaction = at(doc, 'SupplyChainTradeTransaction');
  const agreement = at(transaction, 'ApplicableHeaderTradeAgreement');
  const settlement = at(transaction, 'ApplicableHeaderTradeSettlement');
  const totals = at(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  const seller = at(agreement, 'SellerTradeParty');
  const buyer = at(agreement, 'BuyerTradeParty');
  const lines = list(at(transaction, 'IncludedSupplyChainTradeLineItem'));
  const breakdowns = list(at(settlement, 'ApplicableTradeTax'));

  // BR-01..BR-16: the mandatory information of every invoice.
  rule(
    'BR-01',
    text(doc, 'ExchangedDocumentContext', 'GuidelineSpecifiedDocumentContextParameter', 'ID') !== undefined,
  );
  rule('BR-02', text(doc, 'ExchangedDocument', 'ID') !== undefined);
  rule('BR-03', /^\d{8}$/.test(text(doc, 'ExchangedDocument', 'IssueDateTime', 'DateTimeString') ?? ''));
  rule('BR-04', ['380', '381', '384', '389', '751'].includes(text(doc, 'ExchangedDocument', 'TypeCode') ?? ''));
  rule('BR-05', /^[A-Z]{3}$/.test(text(settlement, 'InvoiceCurrencyCode') ?? ''));
  rule('BR-06', text(seller, 'Name') !== undefined);
  rule('BR-07', text(buyer, 'Name') !== undefined);
  rule('BR-08', at(seller, 'PostalTradeAddress') !== undefined);
  rule('BR-09', /^[A-Z]{2}$/.test(text(seller, 'PostalTradeAddress', 'CountryID') ?? ''));
  rule('BR-10', at(buyer, 'PostalTradeAddress') !== undefined);
  rule('BR-11', /^[A-Z]{2}$/.test(text(buyer, 'PostalTradeAddress', 'CountryID') ?? ''));
  rule('BR-12', text(totals, 'LineTotalAmount') !== undefined);
  rule('BR-13', text(totals, 'TaxBasisTotalAmount') !== undefined);
  rule('BR-14', text(totals, 'GrandTotalAmount') !== undefined);
  rule('BR-15', text(totals, 'DuePayableAmount') !== undefined);
  rule('BR-16', lines.length > 0);

  // BR-21..BR-26: each line has an identifier, a quantity and its unit, a net amount, an item name and a net price.
  for (const line of lines) {
    rule('BR-21', text(line, 'AssociatedDocumentLineDocument', 'LineID') !== undefined);
    rule('BR-22', text(line, 'SpecifiedLineTradeDelivery', 'BilledQuantity') !== undefined);
    rule('BR-23', text(line, 'SpecifiedLineTradeDelivery', 'BilledQuantity', '@unitCode') !== undefined);
    rule(
      'BR-24',
      text(line, 'SpecifiedLineTradeSettlement', 'SpecifiedTradeSettlementLineMonetarySummation', 'LineTotalAmount') !==
        undefined,
    );
    rule('BR-25', text(line, 'SpecifiedTradeProduct', 'Name') !== undefined);
    rule('BR-26', text(line, 'SpecifiedLineTradeAgreement', 'NetPriceProductTradePrice', 'ChargeAmount') !== undefined);
    // BR-CO-04: each line is categorised for VAT.
    const lineTax = list(at(line, 'SpecifiedLineTradeSettlement', 'ApplicableTradeTax'))[0];
    rule('BR-CO-04', text(lineTax, 'CategoryCode') !== undefined);
    // BR-O-05: a line « not subject to VAT » carries no VAT rate.
    if (text(lineTax, 'CategoryCode') === 'O') rule('BR-O-05', text(lineTax, 'RateApplicablePercent') === undefined);
  }
  // BR-55: a credit note's preceding invoice reference names the invoice.
  const preceding = at(settlement, 'InvoiceReferencedDocument');
  if (preceding !== undefined) rule('BR-55', text(preceding, 'IssuerAssignedID') !== undefined);

  // BR-CO-10..16: the totals add up.
  const lineNets = lines.map((line) =>
    cents(
      text(line, 'SpecifiedLineTradeSettlement', 'SpecifiedTradeSettlementLineMonetarySummation', 'LineTotalAmount'),
    ),
  );
  const sumOfLines = lineNets.reduce<number>((sum, net) => sum + (net ?? NaN), 0);
  const lineTotal = cents(text(totals, 'LineTotalAmount'));
  const allowances = cents(text(totals, 'AllowanceTotalAmount')) ?? 0;
  const charges = cents(text(totals, 'ChargeTotalAmount')) ?? 0;
  const taxBasis = cents(text(totals, 'TaxBasisTotalAmount'));
  const taxTotal = cents(text(totals, 'TaxTotalAmount')) ?? 0;
  const grandTotal = cents(text(totals, 'GrandTotalAmount'));
  const prepaid = cents(text(totals, 'TotalPrepaidAmount')) ?? 0;
  const rounding = cents(text(totals, 'RoundingAmount')) ?? 0;
  const due = cents(text(totals, 'DuePayableAmount'));
  rule('BR-CO-10', lineTotal === sumOfLines);
  rule('BR-CO-13', taxBasis === (lineTotal ?? NaN) - allowances + charges);
  const breakdownTax = breakdowns.reduce<number>((sum, b) => sum + (cents(text(b, 'CalculatedAmount')) ?? NaN), 0);
  rule('BR-CO-14', taxTotal === breakdownTax);
  rule('BR-CO-15', grandTotal === (taxBasis ?? NaN) + taxTotal);
  rule('BR-CO-16', due === (grandTotal ?? NaN) - prepaid + rounding);
  // BR-CO-18: at least one VAT breakdown.
  rule('BR-CO-18', breakdowns.length > 0);
  // BR-CO-25: a positive amount due has a due date or payment terms.
  if ((due ?? 0) > 0) {
    const terms = at(settlement, 'SpecifiedTradePaymentTerms');
    rule(
      'BR-CO-25',
      text(terms, 'DueDateDateTime', 'DateTimeString') !== undefined || text(terms, 'Description') !== undefined,
    );
  }
  // BR-CO-26: the seller is identified (identifier, legal registration or VAT number).
  rule(
    'BR-CO-26',
    text(seller, 'ID') !== undefined ||
      text(seller, 'SpecifiedLegalOrganization', 'ID') !== undefined ||
      at(seller, 'SpecifiedTaxRegistration') !== undefined,
  );
  // BR-O-*: « not subject to VAT » (category O), how the rental is stated.
  for (const breakdown of breakdowns.filter((b) => text(b, 'CategoryCode') === 'O')) {
    // BR-O-08: its taxable amount is the sum of the lines' net amounts.
    rule('BR-O-08', cents(text(breakdown, 'BasisAmount')) === sumOfLines);
    // BR-O-09: its VAT amount is 0.
    rule('BR-O-09', cents(text(breakdown, 'CalculatedAmount')) === 0);
    // BR-O-10: it states the exemption reason, as a code or a text.
    rule(
      'BR-O-10',
      text(breakdown, 'ExemptionReason') !== undefined || text(breakdown, 'ExemptionReasonCode') !== undefined,
    );
    // BR-O-02: no seller VAT identifier on such an invoice.
    rule('BR-O-02', at(seller, 'SpecifiedTaxRegistration') === undefined);
  }
  // BR-DEC-09, -12, -14, -18: the document totals (BT-106, BT-109, BT-112, BT-115) carry at most two decimals.
  const decimals: [string, string][] = [
    ['BR-DEC-09', 'LineTotalAmount'],
    ['BR-DEC-12', 'TaxBasisTotalAmount'],
    ['BR-DEC-14', 'GrandTotalAmount'],
    ['BR-DEC-18', 'DuePayableAmount'],
  ];
  for (const [id, name] of decimals) rule(id, /^-?\d+(\.\d{1,2})?$/.test(text(totals, name) ?? 'missing'));
  return [...broken].sort();
}

/** Reads one value of a CII document by local names, for tests that check what the invoice says. */
export function ciiValue(xml: string, ...path: string[]): string | undefined {
  return text(parser.parse(xml)['CrossIndustryInvoice'], ...path);
}
